using System;
using SessionSafety.Benchmarks;
using Xunit;

namespace SessionSafety.Tests.Benchmarks;

public class BenchmarkOptionsTests
{
    [Fact]
    public void NoArguments_AreTheDocumentedRun()
    {
        var options = BenchmarkOptions.Parse(Array.Empty<string>());

        Assert.Equal(320_000, options.Lines);
        Assert.Equal(5, options.Repetitions);
        Assert.True(options.MeasureFixes);
        Assert.Null(options.AgainFrom);
        Assert.Contains("(default 5)", BenchmarkOptions.Usage);
    }

    [Fact]
    public void AgainFrom_TakesThePathOfTheRenamedCopy()
    {
        var options = BenchmarkOptions.Parse(new[] { "--no-fixes", "--again-from", "/tmp/copy/SessionSafety.Analyzers2.dll", "--lines", "1000" });

        Assert.Equal("/tmp/copy/SessionSafety.Analyzers2.dll", options.AgainFrom);
        Assert.Equal(1000, options.Lines);
        Assert.False(options.MeasureFixes);
    }

    [Fact]
    public void AgainFrom_WithoutAPath_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => BenchmarkOptions.Parse(new[] { "--again-from" }));

        Assert.Contains("--again-from", error.Message);
    }
}
