using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.JSInterop;

namespace SessionSafety.Runtime.Tests.Infrastructure;

/// <summary>
/// An <see cref="IJSRuntime"/> that records each call and answers <c>localStorage</c>/<c>sessionStorage</c>
/// calls from dictionaries, as the browser would (insertion-ordered keys, null for a missing item).
/// </summary>
public class RecordingJSRuntime : IJSRuntime
{
    private readonly object gate = new();
    private readonly Dictionary<string, List<KeyValuePair<string, string>>> storages = new()
    {
        ["localStorage"] = new(),
        ["sessionStorage"] = new(),
    };

    public ConcurrentQueue<(string Identifier, object?[] Args)> Calls { get; } = new();

    /// <summary>Set to make every call throw this (a disconnected circuit, prerendering, a full quota).</summary>
    public Func<Exception>? Failure { get; set; }

    public IReadOnlyDictionary<string, string> Local => Snapshot("localStorage");

    public IReadOnlyDictionary<string, string> Session => Snapshot("sessionStorage");

    public int CountCalls(string identifier) => Calls.Count(c => c.Identifier == identifier);

    public void SetItem(string key, string value, string storage = "localStorage") => Apply(storage + ".setItem", new object?[] { key, value });

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        InvokeAsync<TValue>(identifier, CancellationToken.None, args);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
    {
        Calls.Enqueue((identifier, args ?? Array.Empty<object?>()));
        if (Failure is { } failure)
        {
            return ValueTask.FromException<TValue>(failure());
        }

        return new ValueTask<TValue>((TValue)Apply(identifier, args ?? Array.Empty<object?>())!);
    }

    protected object? Apply(string identifier, object?[] args)
    {
        var dot = identifier.IndexOf('.');
        var storage = storages[identifier.Substring(0, dot)];
        lock (gate)
        {
            switch (identifier.Substring(dot + 1))
            {
                case "getItem":
                    return storage.FirstOrDefault(p => p.Key == (string)args[0]!).Value;
                case "setItem":
                    var index = storage.FindIndex(p => p.Key == (string)args[0]!);
                    var entry = new KeyValuePair<string, string>((string)args[0]!, (string)args[1]!);
                    if (index >= 0)
                    {
                        storage[index] = entry;
                    }
                    else
                    {
                        storage.Add(entry);
                    }

                    return null;
                case "removeItem":
                    storage.RemoveAll(p => p.Key == (string)args[0]!);
                    return null;
                case "key":
                    var i = Convert.ToInt32(args[0]);
                    return i < storage.Count ? storage[i].Key : null;
                default:
                    throw new JSException($"Could not find '{identifier}'.");
            }
        }
    }

    private IReadOnlyDictionary<string, string> Snapshot(string storage)
    {
        lock (gate)
        {
            return storages[storage].ToDictionary(p => p.Key, p => p.Value);
        }
    }
}

/// <summary>The WebAssembly flavour: calls complete synchronously.</summary>
public sealed class RecordingInProcessJSRuntime : RecordingJSRuntime, IJSInProcessRuntime
{
    public int SynchronousCalls { get; private set; }

    public TResult Invoke<TResult>(string identifier, params object?[]? args)
    {
        SynchronousCalls++;
        Calls.Enqueue((identifier, args ?? Array.Empty<object?>()));
        if (Failure is { } failure)
        {
            throw failure();
        }

        return (TResult)Apply(identifier, args ?? Array.Empty<object?>())!;
    }
}
