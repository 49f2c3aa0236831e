using System;
using System.IO;
using System.Linq;
using SessionSafety.Benchmarks;
using SessionSafety.Benchmarks.Measurement;
using SessionSafety.Benchmarks.Reporting;
using SessionSafety.Benchmarks.Scaling;
using SessionSafety.Benchmarks.Scaling.Shapes;

// dotnet run -c Release --project benchmarks/SessionSafety.Benchmarks [-- --quick | --update-docs | --scaling | --help | …]
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchmarkOptions.Usage);
    Console.WriteLine();
    Console.WriteLine(ScalingOptions.Usage);
    return 0;
}

if (args.Contains("--list-shapes"))
{
    foreach (var shape in ScalingShapes.All)
    {
        Console.WriteLine($"{shape.Id}: {shape.Description}");
    }

    return 0;
}

if (ScalingOptions.IsRequested(args))
{
    ScalingOptions scaling;
    try
    {
        scaling = ScalingOptions.Parse(args);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }

    var scaled = await ScalingRunner.RunAsync(scaling, Console.Out);
    Console.WriteLine(ScalingReport.Text(scaled));
    if (scaling.DocsBlock is { } block && scaled.Failures.Count == 0)
    {
        var path = Path.Combine(Machine.RepositoryRoot(), "docs/performance.md");
        ScalingReport.UpdateDocs(path, block, scaled);
        Console.WriteLine($"Scaling figures written to the '{block}' block of {path}.");
    }

    return scaled.ExitCode;
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var result = await BenchmarkRunner.RunAsync(options, Console.Out);
Console.WriteLine(Report.Text(result));

if (options.UpdateDocs is { } docs && !options.IsQuick && result.Failures.Count == 0)
{
    var path = Path.Combine(Machine.RepositoryRoot(), docs);
    Report.UpdateDocs(path, result);
    Console.WriteLine($"Figures written to {path}.");
}

return result.Failures.Count > 0 ? 2 : options.IsQuick || result.TargetsMet ? 0 : 1;
