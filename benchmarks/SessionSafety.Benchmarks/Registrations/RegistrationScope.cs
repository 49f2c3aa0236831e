using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SessionSafety.Benchmarks.Registrations;

/// <summary>
/// One registration an analyzer made: its kind (with the operation/syntax/symbol kinds it asked for), how
/// to make the same registration with an empty callback, and, for start actions, what was registered
/// inside them.
/// </summary>
internal sealed class Registration
{
    private readonly Action<IRegistrar, RegistrationScope?> replay;

    public Registration(string key, Action<IRegistrar, RegistrationScope?> replay, RegistrationScope? child)
    {
        Key = key;
        this.replay = replay;
        Child = child;
    }

    public string Key { get; }

    public RegistrationScope? Child { get; }

    public void ReplayNoOp(IRegistrar registrar) => replay(registrar, Child);
}

/// <summary>
/// The registrations made at one level (Initialize, a compilation start, an operation block start, …),
/// merged over every time that level ran: a registration is identified by its kind and by how many of
/// that kind came before it in the same callback, so two operation actions for the same kinds stay two.
/// </summary>
internal sealed class RegistrationScope
{
    private readonly object gate = new();
    private readonly List<Registration> registrations = new();
    private readonly Dictionary<string, Registration> byKey = new(StringComparer.Ordinal);
    private Registration[]? frozen;
    private int invocations;

    /// <summary>How many times the callback that owns this level ran while recording.</summary>
    public int Invocations => Volatile.Read(ref invocations);

    /// <summary>The registrations, fixed once the twin starts replaying them (no lock on the hot path).</summary>
    public IReadOnlyList<Registration> Registrations
    {
        get
        {
            var snapshot = Volatile.Read(ref frozen);
            if (snapshot is not null)
            {
                return snapshot;
            }

            lock (gate)
            {
                return registrations.ToArray();
            }
        }
    }

    public void Freeze()
    {
        lock (gate)
        {
            frozen = registrations.ToArray();
        }

        foreach (var registration in frozen)
        {
            registration.Child?.Freeze();
        }
    }

    public void CountInvocation() => Interlocked.Increment(ref invocations);

    public Registration GetOrAdd(string key, Action<IRegistrar, RegistrationScope?> replay, bool hasChild)
    {
        lock (gate)
        {
            if (!byKey.TryGetValue(key, out var registration))
            {
                registration = new Registration(key, replay, hasChild ? new RegistrationScope() : null);
                byKey.Add(key, registration);
                registrations.Add(registration);
            }

            return registration;
        }
    }

    /// <summary>The registrations as a tree of lines, e.g. <c>CompilationStart / Operation[Invocation]</c>.</summary>
    public IEnumerable<string> Describe(string prefix = "")
    {
        foreach (var registration in Registrations)
        {
            var line = prefix + registration.Key;
            yield return line;
            if (registration.Child is { } child)
            {
                foreach (var nested in child.Describe(line + " / "))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>Replays every registration of this level on <paramref name="registrar"/> with empty callbacks.</summary>
    public void ReplayNoOp(IRegistrar registrar)
    {
        foreach (var registration in Registrations)
        {
            registration.ReplayNoOp(registrar);
        }
    }

    public static string Kinds<T>(ImmutableArray<T> kinds) => string.Join(", ", kinds.Select(k => k!.ToString()));

    public static string Kinds(GeneratedCodeAnalysisFlags flags) => flags.ToString();
}
