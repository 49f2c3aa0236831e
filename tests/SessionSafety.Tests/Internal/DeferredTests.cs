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
        var deferred = new Deferred<string>();
        Func<int, string?> make = _ =>
        {
            made++;
            return "types";
        };

        Assert.Equal(0, made);
        Assert.Equal("types", deferred.Get(0, make));
        Assert.Equal("types", deferred.Get(0, make));
        Assert.Equal(1, made);
    }

    [Fact]
    public void NullAnswer_IsKeptToo()
    {
        var made = 0;
        var deferred = new Deferred<string>();
        Func<int, string?> make = _ =>
        {
            made++;
            return null;
        };

        Assert.Null(deferred.Get(0, make));
        Assert.Null(deferred.Get(0, make));
        Assert.Equal(1, made);
    }

    [Fact]
    public async Task ConcurrentFirstUse_AllGetTheSameObject()
    {
        using var go = new ManualResetEventSlim();
        var deferred = new Deferred<object>();
        Func<int, object?> make = _ =>
        {
            go.Wait();
            return new object();
        };

        var readers = new Task<object?>[8];
        for (var i = 0; i < readers.Length; i++)
        {
            readers[i] = Task.Factory.StartNew(() => deferred.Get(0, make), TaskCreationOptions.LongRunning);
        }

        go.Set();
        var values = await Task.WhenAll(readers);
        foreach (var value in values)
        {
            Assert.Same(deferred.Get(0, make), value);
        }
    }

    [Fact]
    public void FailedMaking_IsTriedAgain()
    {
        var attempts = 0;
        var deferred = new Deferred<string>();
        Func<int, string?> make = _ => ++attempts == 1 ? throw new OperationCanceledException() : "types";

        Assert.Throws<OperationCanceledException>(() => deferred.Get(0, make));
        Assert.Equal("types", deferred.Get(0, make));
    }
}
