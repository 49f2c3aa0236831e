using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Internal;

/// <summary>A recognised save call (<see href="https://github.com/session-safety/SessionSafety/blob/main/docs/rules/SESS001.md">docs/rules/SESS001.md</see>).</summary>
internal readonly struct SaveCall
{
    public SaveCall(IInvocationOperation invocation, SaveCallKind kind, IArgumentOperation payload, IOperation? client)
    {
        Invocation = invocation;
        Kind = kind;
        Payload = payload;
        Client = client;
    }

    public IInvocationOperation Invocation { get; }

    public SaveCallKind Kind { get; }

    /// <summary>The argument that carries the user's data.</summary>
    public IArgumentOperation Payload { get; }

    /// <summary>The HttpClient the call goes through (the instance, or the extension's first argument).</summary>
    public IOperation? Client { get; }
}
