using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Rules.SESS001;

/// <summary>
/// Answers "is this value handled?" for several values of one member at once, in time linear in what
/// they reach. A node is one read of a value (a save call, or a read of a local or parameter that holds
/// the value); it leads to the next read of the same local (the reads of a local from a given one on are
/// the reads that can see the value stored there) and, when the read stores the value in another local,
/// to that local's first read after the store. A node is handled by itself when the read is tested
/// against 401/403 or a login page, runs inside a catch that inspects the status, escapes, or passes the
/// value to a helper that handles it. The nodes reachable from the starts are found once, then "handled"
/// is carried backwards from the nodes handled by themselves, so cycles (a loop that stores a response in
/// the local it read it from) and shared locals cost nothing extra.
/// </summary>
internal sealed class FlowGraph
{
    private readonly MemberFlow flow;
    private readonly CancellationToken cancellationToken;
    private readonly Dictionary<(IOperation Read, TrackedValue Value), int> ids = new();
    private readonly List<Node> nodes = new();
    private readonly Queue<int> pending = new();

    public FlowGraph(MemberFlow flow, CancellationToken cancellationToken)
    {
        this.flow = flow;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>For each start (a read of a value of kind <paramref name="value"/>): whether it, or a read it leads to, is handled.</summary>
    public bool[] Handles(IReadOnlyList<IOperation> starts, TrackedValue value)
    {
        var startIds = new int[starts.Count];
        for (var i = 0; i < starts.Count; i++)
        {
            startIds[i] = NodeFor(starts[i], value, symbol: null, index: -1);
        }

        while (pending.Count > 0)
        {
            Discover(pending.Dequeue());
        }

        var handled = Propagate();
        var result = new bool[starts.Count];
        for (var i = 0; i < starts.Count; i++)
        {
            result[i] = handled[startIds[i]];
        }

        return result;
    }

    /// <summary>Whether any read of <paramref name="symbol"/> (a helper's parameter) leads to handling.</summary>
    public bool HandlesReadsOf(ISymbol symbol, TrackedValue value)
    {
        var reads = flow.Reads(symbol);
        if (reads.Count == 0)
        {
            return false;
        }

        var start = NodeFor(reads[0], value, symbol, 0);
        while (pending.Count > 0)
        {
            Discover(pending.Dequeue());
        }

        return Propagate()[start];
    }

    private int NodeFor(IOperation read, TrackedValue value, ISymbol? symbol, int index)
    {
        if (ids.TryGetValue((read, value), out var id))
        {
            return id;
        }

        id = nodes.Count;
        nodes.Add(new Node(read, value, symbol, index));
        ids.Add((read, value), id);
        pending.Enqueue(id);
        return id;
    }

    /// <summary>Whether a node is handled by itself, and where it leads otherwise.</summary>
    private void Discover(int id)
    {
        if ((id & 0xFF) == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        var node = nodes[id];
        if (flow.IsTested(node.Read)
            || (node.Value == TrackedValue.Status && flow.IsComparedWithSessionCode(node.Read))
            || flow.InHandlingTry(node.Read))
        {
            node.HandledItself = true;
            nodes[id] = node;
            return;
        }

        var use = flow.Follow(node.Read, node.Value);
        switch (use.Kind)
        {
            case ValueUseKind.Escapes:
                node.HandledItself = true;
                break;
            case ValueUseKind.Argument:
                node.HandledItself = flow.ArgumentHandled(use.Argument!, use.Value, cancellationToken);
                break;
            case ValueUseKind.Stored:
                node.Stored = FirstReadAfter(use.Target!, use.Store!, use.Value);
                break;
        }

        // The next read sees the same value unless a store that always runs comes between.
        if (!node.HandledItself && node.Symbol is { } symbol)
        {
            var reads = flow.Reads(symbol);
            if (node.Index + 1 < reads.Count
                && !flow.OverwrittenBetween(symbol, node.Read.Syntax.SpanStart, reads[node.Index + 1].Syntax.SpanStart))
            {
                node.Next = NodeFor(reads[node.Index + 1], node.Value, symbol, node.Index + 1);
            }
        }

        nodes[id] = node;
    }

    /// <summary>
    /// The first read of <paramref name="target"/> that can see a value stored by <paramref name="store"/>:
    /// the first after the store in source order, or, when the store is in a loop, the first in that loop
    /// (the next iteration reads it too).
    /// </summary>
    private int FirstReadAfter(ISymbol target, IOperation store, TrackedValue value)
    {
        var reads = flow.Reads(target);
        if (reads.Count == 0)
        {
            return -1;
        }

        var from = LoopAround(store)?.Syntax.SpanStart ?? store.Syntax.Span.End;
        int low = 0, high = reads.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (reads[middle].Syntax.SpanStart < from)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low < reads.Count && !flow.OverwrittenBetween(target, from, reads[low].Syntax.SpanStart)
            ? NodeFor(reads[low], value, target, low)
            : -1;
    }

    /// <summary>The innermost loop around <paramref name="operation"/> in its own function body.</summary>
    private static ILoopOperation? LoopAround(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ILoopOperation loop:
                    return loop;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Carries "handled" from the nodes handled by themselves back to every node that leads to them.</summary>
    private bool[] Propagate()
    {
        var predecessors = new List<int>?[nodes.Count];
        var handled = new bool[nodes.Count];
        var queue = new Queue<int>();
        for (var id = 0; id < nodes.Count; id++)
        {
            var node = nodes[id];
            if (node.HandledItself)
            {
                handled[id] = true;
                queue.Enqueue(id);
            }

            AddPredecessor(predecessors, node.Next, id);
            AddPredecessor(predecessors, node.Stored, id);
        }

        while (queue.Count > 0)
        {
            if (predecessors[queue.Dequeue()] is not { } from)
            {
                continue;
            }

            foreach (var previous in from)
            {
                if (!handled[previous])
                {
                    handled[previous] = true;
                    queue.Enqueue(previous);
                }
            }
        }

        return handled;
    }

    private static void AddPredecessor(List<int>?[] predecessors, int to, int from)
    {
        if (to >= 0)
        {
            (predecessors[to] ??= new List<int>(1)).Add(from);
        }
    }

    /// <summary>One read of a followed value.</summary>
    private struct Node
    {
        public Node(IOperation read, TrackedValue value, ISymbol? symbol, int index)
        {
            Read = read;
            Value = value;
            Symbol = symbol;
            Index = index;
            Next = -1;
            Stored = -1;
            HandledItself = false;
        }

        public IOperation Read { get; }

        public TrackedValue Value { get; }

        /// <summary>The local or parameter this is a read of (null for a save call).</summary>
        public ISymbol? Symbol { get; }

        /// <summary>Its place among the symbol's reads in source order.</summary>
        public int Index { get; }

        /// <summary>The symbol's next read, or -1.</summary>
        public int Next { get; set; }

        /// <summary>The first read of the local this read stores the value in, or -1.</summary>
        public int Stored { get; set; }

        public bool HandledItself { get; set; }
    }
}
