using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SessionSafety.Benchmarks.Corpus;

namespace SessionSafety.Benchmarks.Scaling.Shapes;

/// <summary>What every shape's project has (global usings, the model that is saved) and the helpers shapes write with.</summary>
internal static class ShapeSources
{
    public const string Folder = "/src/Contoso.Scaling";

    private static readonly CorpusFile GlobalUsings = new($"{Folder}/GlobalUsings.cs", """
        global using System;
        global using System.Collections.Generic;
        global using System.Net;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Authentication.Cookies;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Components;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.Extensions.DependencyInjection;

        """, IsRazorGenerated: false);

    private static readonly CorpusFile Note = new($"{Folder}/Note.cs", """
        namespace Contoso.Scaling;

        /// <summary>What the user typed.</summary>
        public sealed class Note
        {
            public int Id { get; set; }

            public string Text { get; set; } = string.Empty;
        }

        """, IsRazorGenerated: false);

    /// <summary>The shape's own files after the ones every shape has.</summary>
    public static ShapeCode Code(params (string Name, string Text)[] files) =>
        new(new[] { GlobalUsings, Note }.Concat(files.Select(f => new CorpusFile($"{Folder}/{f.Name}", f.Text, IsRazorGenerated: false))).ToList());

    /// <summary><paramref name="count"/> blocks, one per index, each indented by <paramref name="indent"/> spaces.</summary>
    public static string Repeat(int count, int indent, Func<int, string> block)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(Corpus.Text.Indent(block(i).Replace("\r\n", "\n").TrimEnd('\n'), indent)).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>A list option's text: the items joined with '|'.</summary>
    public static string OptionList(int count, Func<int, string> item) =>
        string.Join("|", Enumerable.Range(0, count).Select(item));

    /// <summary>How many of 0..n-1 are even.</summary>
    public static int Evens(int n) => (n + 1) / 2;

    /// <summary>How many of 0..n-1 are odd.</summary>
    public static int Odds(int n) => n / 2;

    /// <summary>A Blazor component class with the services the SESS002 shapes use, around <paramref name="members"/>.</summary>
    public static string Component(string name, string members) => $$"""
        namespace Contoso.Scaling.Pages;

        public sealed class {{name}} : ComponentBase
        {
            private readonly Note note = new();

            [Inject]
            public HttpClient Http { get; set; } = default!;

            [Inject]
            public NavigationManager Nav { get; set; } = default!;

        {{members}}
        }

        """;
}
