using System.Collections.Generic;
using static SessionSafety.Benchmarks.Scaling.Shapes.ShapeSources;

namespace SessionSafety.Benchmarks.Scaling.Shapes;

/// <summary>
/// SESS002's worst cases (issue #20): many login redirects or saves in one member (every redirect asks
/// about the member and about each save before it), a Razor page whose buttons all land in one
/// generated method, and a long <c>draft_save_methods</c> list read for every redirect.
/// </summary>
internal static class SESS002Shapes
{
    private const string Rule = "SESS002";

    public static IEnumerable<ScalingShape> All { get; } = new[]
    {
        new ScalingShape(Rule, "redirects-after-one-save", "N NavigateTo(\"login…\") on one save's failure branch", RedirectsAfterOneSave, n => n),
        new ScalingShape(Rule, "save-redirect-pairs", "N saves, each followed by a redirect on its failure branch, in one member", SaveRedirectPairs, n => n),
        new ScalingShape(Rule, "try-saves-catch-redirects", "a try with N saves and a catch with N redirects", TrySavesCatchRedirects, n => n),
        new ScalingShape(Rule, "razor-buttons", "a .razor page with N @onclick lambdas that save and redirect", RazorButtons, n => n),
        new ScalingShape(Rule, "draft-save-methods-option", "draft_save_methods of N names; N members that save and redirect, half after a listed draft method", DraftSaveMethodsOption, Odds),
    };

    private static ShapeCode RedirectsAfterOneSave(int n) => Code(("Pages/Compose.cs", Component("Compose", $$"""
            private async Task SaveAsync()
            {
                var response = await Http.PostAsJsonAsync("api/notes", note);
                if (!response.IsSuccessStatusCode)
                {
        {{Repeat(n, 12, i => $"Nav.NavigateTo(\"login?attempt={i}\");")}}
                }
            }
        """)));

    private static ShapeCode SaveRedirectPairs(int n) => Code(("Pages/Compose.cs", Component("Compose", $$"""
            private async Task SaveAllAsync()
            {
        {{Repeat(n, 8, i => $$"""
            var response{{i}} = await Http.PostAsJsonAsync("api/notes/{{i}}", note);
            if (!response{{i}}.IsSuccessStatusCode)
            {
                Nav.NavigateTo("login?from={{i}}");
            }
            """)}}
            }
        """)));

    private static ShapeCode TrySavesCatchRedirects(int n) => Code(("Pages/Compose.cs", Component("Compose", $$"""
            private async Task SaveAllAsync()
            {
                try
                {
        {{Repeat(n, 12, i => $"(await Http.PostAsJsonAsync(\"api/notes/{i}\", note)).EnsureSuccessStatusCode();")}}
                }
                catch (HttpRequestException)
                {
        {{Repeat(n, 12, i => $"Nav.NavigateTo(\"login?from={i}\");")}}
                }
            }
        """)));

    /// <summary>Every @onclick lambda of a component lands in its one generated BuildRenderTree method (SESS001 measures the same page).</summary>
    internal static ShapeCode RazorButtons(int n) => Code() with
    {
        RazorFiles = new[]
        {
            ("Pages/Compose.razor", $$"""
                @page "/compose"
                @using Microsoft.AspNetCore.Components.Web
                @inject HttpClient Http
                @inject NavigationManager Nav

                <h3>Compose</h3>
                {{Repeat(n, 0, i => $$"""<button @onclick="@(async () => { var response = await Http.PostAsJsonAsync("api/notes/{{i}}", note); if (!response.IsSuccessStatusCode) { Nav.NavigateTo("login?from={{i}}"); } })">Save {{i}}</button>""")}}

                @code {
                    private readonly Contoso.Scaling.Note note = new();
                }

                """),
        },
    };

    /// <summary>
    /// One member per redirect, so that the option is the only thing that grows with N for each
    /// redirect; the even members keep a draft through a listed method first (not reported).
    /// </summary>
    private static ShapeCode DraftSaveMethodsOption(int n) => Code(
        ("Drafts/DraftBook.cs", $$"""
            namespace Contoso.Scaling.Drafts;

            public static class DraftBook
            {
            {{Repeat(n, 4, i => $"public static void Keep{i}(Note note) => _ = note;")}}
            }

            """),
        ("Pages/Compose.cs", Component("Compose", Repeat(n, 4, i => $$"""
            private async Task Save{{i}}Async()
            {
                var response = await Http.PostAsJsonAsync("api/notes/{{i}}", note);
                if (!response.IsSuccessStatusCode)
                {
                    {{(i % 2 == 0 ? $"Contoso.Scaling.Drafts.DraftBook.Keep{i}(note);\n        " : string.Empty)}}Nav.NavigateTo("login?from={{i}}");
                }
            }

            """)))) with
    {
        Options = new Dictionary<string, string>
        {
            ["session_safety.draft_save_methods"] = OptionList(n, i => $"Contoso.Scaling.Drafts.DraftBook.Keep{i}"),
        },
    };
}
