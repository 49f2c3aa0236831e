using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

using SessionSafety.Analyzers.Internal;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// Per compilation: what a field or property of a type was traced to, so that the saves of one
/// component or client trace their shared <c>HttpClient</c> member once, not once per save.
/// </summary>
internal sealed class ClientOriginCache
{
    // Looked up without a lock (the dictionary's reads take none); a member is traced outside any lock
    // (tracing may look up other members), and a race traces it twice, to the same result.
    private readonly ConcurrentDictionary<Key, ClientOrigin> members = new();

    public ClientOrigin GetOrAdd(ISymbol member, SyntaxTree tree, int depth, Func<ClientOrigin> trace)
    {
        var key = new Key(member, tree, depth);
        return members.TryGetValue(key, out var known) ? known : members.GetOrAdd(key, trace());
    }

    private readonly struct Key : IEquatable<Key>
    {
        private readonly ISymbol member;
        private readonly SyntaxTree tree;
        private readonly int depth;

        public Key(ISymbol member, SyntaxTree tree, int depth)
        {
            this.member = member;
            this.tree = tree;
            this.depth = depth;
        }

        public bool Equals(Key other) =>
            SymbolEqualityComparer.Default.Equals(member, other.member) && tree == other.tree && depth == other.depth;

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() =>
            (SymbolEqualityComparer.Default.GetHashCode(member) * 397) ^ (tree.GetHashCode() * 31) ^ depth;
    }
}
