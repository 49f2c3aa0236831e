using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// Where the code of a method that a response is passed to lives: a method, constructor, operator or local
/// function of the compilation with a body. Abstract, interface, partial-without-body, extern and
/// metadata methods have none: a response passed to them is the callee's to handle. A method of a referenced
/// project has none either, in the IDE as in a build (<see cref="CompilationSource"/>).
/// </summary>
internal static class HelperBodies
{
    /// <summary>The method's definition: generic methods and methods of generic types by their declaration; a reduced extension call by the static method.</summary>
    public static IMethodSymbol Definition(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        return definition.PartialImplementationPart ?? definition;
    }

    /// <summary>The declaration to bind (it holds the parameters and the body), or null when there is no body in source.</summary>
    public static SyntaxNode? Find(IMethodSymbol method, Compilation compilation)
    {
        var definition = Definition(method);
        foreach (var reference in CompilationSource.Declarations(compilation, definition))
        {
            switch (reference.GetSyntax())
            {
                case BaseMethodDeclarationSyntax declaration when declaration.Body is not null || declaration.ExpressionBody is not null:
                    return declaration;
                case LocalFunctionStatementSyntax local when local.Body is not null || local.ExpressionBody is not null:
                    return local;
            }
        }

        return null;
    }
}
