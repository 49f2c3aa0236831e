using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SessionSafety.Benchmarks.Reporting;
using SessionSafety.Benchmarks.Scaling;
using SessionSafety.Benchmarks.Scaling.Shapes;

namespace SessionSafety.Tests.Benchmarks;

/// <summary>
/// The scaling mode (issue #20) at tiny sizes: each shape compiles (its .razor files through the SDK's
/// Razor generator) and produces exactly the diagnostics it is written for. Its timings are the
/// benchmark's business and are never asserted here.
/// </summary>
public sealed class ScalingSmokeTests
{
    /// <summary>
    /// The rule's diagnostics per shape (its analyzer runs alone), at N = 3 and N = 4 (odd and even:
    /// some shapes plant in every other member). A new shape adds its line here.
    /// </summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["SESS001/alias-chain"] = "3: SESS001 1; 4: SESS001 1",
        ["SESS001/saves-in-one-member"] = "3: SESS001 3; 4: SESS001 4",
        ["SESS001/client-registrations"] = "3: SESS001 1; 4: SESS001 2",
        ["SESS001/razor-buttons"] = "3: SESS001 3; 4: SESS001 4",
        ["SESS002/redirects-after-one-save"] = "3: SESS002 3; 4: SESS002 4",
        ["SESS002/save-redirect-pairs"] = "3: SESS002 3; 4: SESS002 4",
        ["SESS002/try-saves-catch-redirects"] = "3: SESS002 3; 4: SESS002 4",
        ["SESS002/razor-buttons"] = "3: SESS002 3; 4: SESS002 4",
        ["SESS002/draft-save-methods-option"] = "3: SESS002 1; 4: SESS002 2",
        ["SESS003/session-cookie-names-option"] = "3: SESS003 2; 4: SESS003 2",
        ["SESS003/lifetimes-in-one-member"] = "3: SESS003 3; 4: SESS003 4",
        ["SESS004/cookie-schemes"] = "3: SESS004 1; 4: SESS004 2",
        ["SESS004/script-save-controllers"] = "3: SESS004 1; 4: SESS004 1",
        ["SESS004/options-classes"] = "3: SESS004 1; 4: SESS004 1",
    };

    [Fact]
    public async Task EveryShapeAtTinySizes_ProducesItsDiagnostics()
    {
        var log = new StringWriter();
        var options = ScalingOptions.Parse(new[] { "--scaling", "--sizes", "3,4", "--repetitions", "1", "--warmups", "0" });

        var result = await ScalingRunner.RunAsync(options, log);

        // Failures include: a shape that does not compile, AD0001, and a rule count other than the shape's own expectation.
        Assert.True(result.Failures.Count == 0, string.Join(Environment.NewLine, result.Failures) + Environment.NewLine + log);
        Assert.Equal(Expected.Keys.OrderBy(k => k, StringComparer.Ordinal), result.Shapes.Select(s => s.Shape.Id).OrderBy(k => k, StringComparer.Ordinal));
        foreach (var shape in result.Shapes)
        {
            var found = string.Join("; ", shape.Sizes.Select(size => $"{size.N}: "
                + string.Join(", ", size.Diagnostics.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {d.Value}"))));
            Assert.True(Expected[shape.Shape.Id] == found, $"{shape.Shape.Id}: expected {Expected[shape.Shape.Id]}, found {found}");
            Assert.All(shape.Sizes, size => Assert.Single(size.RuleMilliseconds));
        }

        Assert.Equal(0, result.ExitCode);
        var report = ScalingReport.Text(result);
        Assert.Contains("not judged", report);
        Assert.All(ScalingShapes.All, shape => Assert.Contains(shape.Id, report));
    }

    [Fact]
    public async Task SelectorThatNamesNoShape_FailsTheHarness()
    {
        var options = ScalingOptions.Parse(new[] { "--scaling", "--shapes", "SESS009", "--sizes", "2" });

        var result = await ScalingRunner.RunAsync(options, TextWriter.Null);

        Assert.Empty(result.Shapes);
        Assert.Contains(result.Failures, f => f.Contains("SESS009", StringComparison.Ordinal));
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task SelectorByRule_RunsThatRulesShapesOnly()
    {
        var options = ScalingOptions.Parse(new[] { "--scaling", "--shapes", "sess003", "--sizes", "2", "--repetitions", "1", "--warmups", "0" });

        var result = await ScalingRunner.RunAsync(options, TextWriter.Null);

        Assert.Empty(result.Failures);
        Assert.Equal(new[] { "SESS003/session-cookie-names-option", "SESS003/lifetimes-in-one-member" }, result.Shapes.Select(s => s.Shape.Id));
    }
}
