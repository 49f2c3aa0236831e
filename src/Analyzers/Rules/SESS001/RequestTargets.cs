using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// Where a save's URI is given: the call's <c>requestUri</c> argument, or for <c>Send</c>/<c>SendAsync</c>
/// the request's constructor (<c>new HttpRequestMessage(HttpMethod.Post, uri)</c>), its initializer
/// (<c>RequestUri = new Uri(…)</c>) and the assignments to its <c>RequestUri</c> in the member.
/// </summary>
internal static class RequestTargets
{
    public static IEnumerable<IOperation> Of(SaveCall call, IKnownValues values)
    {
        if (call.Kind != SaveCallKind.Request)
        {
            if (call.Invocation.ArgumentFor("requestUri") is { IsImplicit: false } uri)
            {
                yield return uri.Value;
            }

            yield break;
        }

        switch (call.Payload.Value.WalkDownConversions())
        {
            case IObjectCreationOperation creation:
                foreach (var target in OfCreation(creation))
                {
                    yield return target;
                }

                break;

            case ILocalReferenceOperation local:
                foreach (var value in values.AssignedValues(local.Local))
                {
                    if (value.WalkDownConversions() is IObjectCreationOperation created)
                    {
                        foreach (var target in OfCreation(created))
                        {
                            yield return target;
                        }
                    }
                }

                foreach (var target in values.PropertyValues(local.Local, "RequestUri"))
                {
                    yield return target;
                }

                break;
        }
    }

    private static IEnumerable<IOperation> OfCreation(IObjectCreationOperation creation)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Name == "requestUri" && !argument.IsImplicit)
            {
                yield return argument.Value;
            }
        }

        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "RequestUri" } } assignment)
                {
                    yield return assignment.Value;
                }
            }
        }
    }
}
