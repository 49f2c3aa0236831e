using System;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SessionSafety.Benchmarks.Corpus;

var lines = args.Length > 0 ? int.Parse(args[0]) : 20000;
var sw = Stopwatch.StartNew();
var corpus = CorpusGenerator.Generate(lines);
Console.WriteLine($"generated {corpus.Files.Count} files {corpus.Lines} lines units {corpus.Units} in {sw.ElapsedMilliseconds} ms");
foreach (var kv in corpus.Planted.OrderBy(k => k.Key)) Console.WriteLine($"planted {kv.Key} {kv.Value}");
foreach (var kv in corpus.Calls.OrderBy(k => k.Key)) Console.WriteLine($"calls {kv.Key} {kv.Value}");
var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
var trees = corpus.Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, f.Path)).ToList();
var comp = CSharpCompilation.Create("Contoso", trees, CorpusReferences.Load(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false).WithSpecificDiagnosticOptions(new System.Collections.Generic.Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
sw.Restart();
var diags = comp.GetDiagnostics();
Console.WriteLine($"compile {sw.ElapsedMilliseconds} ms; errors {diags.Count(d => d.Severity == DiagnosticSeverity.Error)} warnings {diags.Count(d => d.Severity == DiagnosticSeverity.Warning)}");
foreach (var g in diags.Where(d => d.Severity >= DiagnosticSeverity.Warning).GroupBy(d => d.Id).OrderByDescending(g => g.Count())) Console.WriteLine($"{g.Key} x{g.Count()}: {g.First()}");
for (int i = 0; i < 3; i++) { sw.Restart(); var c2 = comp.Clone(); var d2 = c2.GetDiagnostics(); Console.WriteLine($"rep compile {sw.ElapsedMilliseconds} ms"); }
foreach (var g in corpus.Files.GroupBy(f => System.Text.RegularExpressions.Regex.Replace(System.IO.Path.GetFileName(f.Path), "^(Contoso_)?[A-Za-z_0-9]*?(?=(Editor|List|Details|Controller|ApiController|ApiClient|Validator|Calculator|Repository|Registration|Startup|Middleware|Handler|AccountController|\\.cs))", ""))) Console.WriteLine($"{g.Key,-40} {g.Count(),5} files {g.Sum(f => f.LineCount),7} lines");
