using System;
using SessionSafety.Benchmarks.Scaling;

namespace SessionSafety.Tests.Benchmarks;

public sealed class ScalingOptionsTests
{
    [Fact]
    public void ScalingAlone_IsIssue20sRun()
    {
        var options = ScalingOptions.Parse(new[] { "--scaling" });

        Assert.Equal(new[] { 1_000, 2_000, 4_000, 8_000 }, options.Sizes);
        Assert.Empty(options.Shapes);
        Assert.Equal(5, options.Repetitions);
        Assert.Equal(TimeSpan.FromSeconds(60), options.TimeLimit);
        Assert.Null(options.DocsBlock);
    }

    [Fact]
    public void ShapesSizesLimitAndDocsBlock_AreRead()
    {
        var options = ScalingOptions.Parse(new[] { "--shapes", "SESS002, alias-chain", "--sizes", "10,20", "--time-limit", "5", "--repetitions", "2", "--scaling-docs", "after" });

        Assert.Equal(new[] { "SESS002", "alias-chain" }, options.Shapes);
        Assert.Equal(new[] { 10, 20 }, options.Sizes);
        Assert.Equal(TimeSpan.FromSeconds(5), options.TimeLimit);
        Assert.Equal(2, options.Repetitions);
        Assert.Equal("after", options.DocsBlock);
    }

    [Fact]
    public void ScalingDocs_AloneAsksForTheScalingMode()
    {
        Assert.True(ScalingOptions.IsRequested(new[] { "--scaling-docs", "before" }));
        Assert.False(ScalingOptions.IsRequested(new[] { "--quick" }));
    }

    [Theory]
    [InlineData("--sizes", "4000,2000")]
    [InlineData("--sizes", "0")]
    [InlineData("--scaling-docs", "later")]
    [InlineData("--time-limit", "0")]
    [InlineData("--lines", "1000")]
    public void BadValue_IsRefusedWithTheUsage(string option, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => ScalingOptions.Parse(new[] { "--scaling", option, value }));

        Assert.Contains("--scaling", error.Message);
    }
}
