using System;
using System.IO;
using SessionSafety.Benchmarks;
using SessionSafety.Benchmarks.Measurement;
using SessionSafety.Benchmarks.Reporting;

// dotnet run -c Release --project benchmarks/SessionSafety.Benchmarks [-- --quick | --update-docs | …]
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
