using System;
using System.IO;
using SessionSafety.Benchmarks;
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
    var path = Path.Combine(RepositoryRoot(), docs);
    Report.UpdateDocs(path, result);
    Console.WriteLine($"Figures written to {path}.");
}

return result.Failures.Count > 0 ? 2 : options.IsQuick || result.TargetsMet ? 0 : 1;

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "SessionSafety.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository: SessionSafety.sln not found above the current directory.");
}
