using System;
using System.Threading;
using System.Threading.Tasks;
using SessionSafety.Analyzers.Internal;
using Xunit;

namespace SessionSafety.Tests.Internal;

public class DeferredTests
{
    [Fact]
    public void Value_IsMadeOnFirstUseOnly()
    {
        var made = 0;
        var deferred = new Deferred<string>(() =>
        {
            made++;
            return "types";
        });

        Assert.Equal(0, made);
        Assert.Equal("types", deferred.Value);
        Assert.Equal("types", deferred.Value);
        Assert.Equal(1, made);
    }

    [Fact]
    public void NullAnswer_IsKeptToo()
    {
        var made = 0;
        var deferred = new Deferred<string>(() =>
        {
            made++;
            return null;
        });

        Assert.Null(deferred.Value);
        Assert.Null(deferred.Value);
        Assert.Equal(1, made);
    }

    [Fact]
    public async Task ConcurrentFirstUse_AllGetTheSameObject()
    {
        using var go = new ManualResetEventSlim();
        var deferred = new Deferred<object>(() =>
        {
            go.Wait();
            return new object();
        });

        var readers = new Task<object?>[8];
        for (var i = 0; i < readers.Length; i++)
        {
            readers[i] = Task.Factory.StartNew(() => deferred.Value, TaskCreationOptions.LongRunning);
        }

        go.Set();
        var values = await Task.WhenAll(readers);
        foreach (var value in values)
        {
            Assert.Same(deferred.Value, value);
        }
    }

    [Fact]
    public void FailedMaking_IsTriedAgain()
    {
        var attempts = 0;
        var deferred = new Deferred<string>(() => ++attempts == 1 ? throw new OperationCanceledException() : "types");

        Assert.Throws<OperationCanceledException>(() => deferred.Value);
        Assert.Equal("types", deferred.Value);
    }
}
