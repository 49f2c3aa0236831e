using System;
using System.Linq;
using SessionSafety.Benchmarks.Reporting;
using SessionSafety.Benchmarks.Scaling;
using SessionSafety.Benchmarks.Scaling.Shapes;

namespace SessionSafety.Tests.Benchmarks;

/// <summary>The scaling mode's verdict (issue #20's bar) and exit code, on figures made up for the purpose.</summary>
public sealed class ScalingBarTests
{
    private static readonly ScalingOptions Default = ScalingOptions.Parse(new[] { "--scaling" });

    [Fact]
    public void LinearGrowthUnderOneSecond_MeetsTheBar()
    {
        var result = Result(Shape((1_000, 50), (2_000, 100), (4_000, 200), (8_000, 400)));

        Assert.Equal(1.0, result.Shapes[0].Exponent(2_000, 8_000)!.Value, precision: 6);
        Assert.Equal(true, result.Shapes[0].Bar(Default.Sizes, Default.TimeLimit).Met);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void NLogNGrowth_MeetsTheBar()
    {
        static double NLogN(int n) => n * Math.Log(n) / 100;

        var result = Result(Shape((1_000, NLogN(1_000)), (2_000, NLogN(2_000)), (4_000, NLogN(4_000)), (8_000, NLogN(8_000))));

        Assert.Equal(true, result.Shapes[0].Bar(Default.Sizes, Default.TimeLimit).Met);
    }

    [Fact]
    public void QuadraticGrowth_MissesTheBar()
    {
        var result = Result(Shape((1_000, 10), (2_000, 40), (4_000, 160), (8_000, 640)));

        var (met, why) = result.Shapes[0].Bar(Default.Sizes, Default.TimeLimit);

        Assert.Equal(false, met);
        Assert.Contains("exponent 2.00", why);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void LinearButOverOneSecondAt8k_MissesTheBar()
    {
        var result = Result(Shape((1_000, 150), (2_000, 300), (4_000, 600), (8_000, 1_200)));

        var (met, why) = result.Shapes[0].Bar(Default.Sizes, Default.TimeLimit);

        Assert.Equal(false, met);
        Assert.Contains("1,200 ms > 1,000 ms", why);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void StoppedAtTheTimeLimit_MissesTheBarAndShowsTheLimit()
    {
        var figures = Shape((1_000, 900), (2_000, 3_600));
        var stopped = new SizeFigures(4_000, 4_000) { TimedOut = true };
        figures.Sizes.Add(stopped);
        var result = Result(figures);

        var (met, why) = result.Shapes[0].Bar(Default.Sizes, Default.TimeLimit);

        Assert.Equal(false, met);
        Assert.Contains("60 s limit at 4,000", why);
        Assert.Null(result.Shapes[0].Exponent(2_000, 8_000));
        Assert.Contains("> 60 s", ScalingReport.Text(result));
        Assert.Contains("900 (1×)", ScalingReport.Text(result));
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void SizesWithoutTheBarSizes_AreNotJudged()
    {
        var options = ScalingOptions.Parse(new[] { "--scaling", "--sizes", "100,200" });
        var result = new ScalingResult(options);
        result.Shapes.Add(Shape((100, 10), (200, 40)));

        Assert.Null(result.Shapes[0].Bar(options.Sizes, options.TimeLimit).Met);
        Assert.Equal(2.0, result.Shapes[0].Exponent(100, 200)!.Value, precision: 6);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void HarnessFailure_WinsOverTheBar()
    {
        var result = Result(Shape((1_000, 50), (2_000, 100), (4_000, 200), (8_000, 400)));
        result.Failures.Add("a shape did not compile");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Markdown_NamesTheCommandAndEveryShape()
    {
        var result = new ScalingResult(ScalingOptions.Parse(new[] { "--scaling", "--repetitions", "1" }));
        result.Shapes.Add(Shape((1_000, 50), (2_000, 100), (4_000, 200), (8_000, 400)));

        var markdown = ScalingReport.Markdown(result);

        Assert.Contains("`dotnet run -c Release --project benchmarks/SessionSafety.Benchmarks -- --scaling --repetitions 1`", markdown);
        Assert.Contains("| `SESS002/redirects-after-one-save` | 50.0 | 100 | 200 | 400 | 1.00 | 1.00 | 1.00 | 1.00 | ? | met |", markdown);
        Assert.Contains("| `SESS002/redirects-after-one-save` | 500 | 1,000 | 2,000 | 4,000 |", markdown);
        Assert.Contains("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|", markdown);
        Assert.Contains("|---|---:|---:|---:|---:|\n", markdown.Replace("\r\n", "\n"));
    }

    private static ScalingResult Result(ShapeFigures figures)
    {
        var result = new ScalingResult(Default);
        result.Shapes.Add(figures);
        return result;
    }

    private static ShapeFigures Shape(params (int N, double Milliseconds)[] sizes)
    {
        var figures = new ShapeFigures(ScalingShapes.All.Single(s => s.Id == "SESS002/redirects-after-one-save"));
        foreach (var (n, milliseconds) in sizes)
        {
            var size = new SizeFigures(n, n);
            size.RuleMilliseconds.Add(milliseconds);
            size.WallMilliseconds.Add(milliseconds * 10);
            figures.Sizes.Add(size);
        }

        return figures;
    }
}
