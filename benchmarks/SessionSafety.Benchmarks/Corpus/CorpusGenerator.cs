using System;
using System.Collections.Generic;
using System.Linq;

namespace SessionSafety.Benchmarks.Corpus;

/// <summary>
/// Generates a large, realistic ASP.NET Core + Blazor line-of-business application: per business entity a
/// model, validator, calculator, repository, typed API client, three Blazor components (code-behind plus
/// the Razor generator's output), an MVC controller and an API controller; per group of entities the
/// start-up code (cookie authentication, session, antiforgery options lambdas, HttpClient registrations),
/// cookie-writing middleware, an account controller and delegating handlers. Deterministic for a seed.
/// </summary>
public sealed partial class CorpusGenerator
{
    public const int DefaultSeed = 20250611;

    private const int GroupSize = 4;

    private static readonly string[] Modules = { "Sales", "Support", "Operations", "Finance", "People", "Marketing", "Logistics", "Content" };

    private static readonly string[] Nouns =
    {
        "Order", "Invoice", "Customer", "Product", "Shipment", "Ticket", "Note", "Message", "Contract", "Project",
        "Employee", "Vendor", "Payment", "Refund", "Quote", "Lead", "Campaign", "Asset", "Booking", "Appointment",
        "Claim", "Survey", "Article", "Comment", "Review", "Budget", "Expense", "Timesheet", "Course", "Enrollment",
        "Incident", "Milestone", "Document", "Folder", "Recipe", "Warehouse", "Supplier", "Vehicle", "Device", "Subscription",
        "Coupon", "Contact", "Venue", "Member", "Team", "Goal", "Forecast", "Delivery",
    };

    private static readonly Property[] ExtraProperties =
    {
        new("string", "Description", "\"Describe the item\"", PropertyKind.Text),
        new("int", "Priority", "3", PropertyKind.Number),
        new("DateTime", "DueDate", "DateTime.UtcNow.AddDays(14)", PropertyKind.Date),
        new("string", "Email", "\"owner@contoso.example\"", PropertyKind.Text),
        new("string", "Phone", "\"+41 44 000 00 00\"", PropertyKind.Text),
        new("decimal", "Discount", "0.05m", PropertyKind.Money),
        new("string", "Category", "\"General\"", PropertyKind.Text),
        new("string", "Owner", "\"team\"", PropertyKind.Text),
        new("string", "Reference", "\"REF-0001\"", PropertyKind.Text),
        new("int", "Rating", "4", PropertyKind.Number),
        new("string", "Region", "\"EMEA\"", PropertyKind.Text),
        new("bool", "IsUrgent", "false", PropertyKind.Flag),
        new("decimal", "TaxRate", "0.077m", PropertyKind.Money),
        new("string", "ExternalId", "\"ext-1\"", PropertyKind.Text),
    };

    private readonly Random random;
    private readonly ShapeCycle<SaveShape> componentSaves;
    private readonly ShapeCycle<SaveShape> serviceSaves;
    private readonly ShapeCycle<MvcPostShape> mvcPosts;
    private readonly ShapeCycle<CookieLifetimeShape> cookieLifetimes;
    private readonly ShapeCycle<SessionLifetimeShape> sessionLifetimes;
    private readonly ShapeCycle<CookieAppendShape> cookieAppends;
    private readonly ShapeCycle<SignInShape> signIns;
    private readonly List<CorpusFile> files = new();
    private readonly List<string> razorSources = new();
    private readonly Dictionary<string, int> planted = new();
    private readonly Dictionary<string, int> calls = new();
    private int lines;
    private int groups;

    private CorpusGenerator(int seed)
    {
        random = new Random(seed);
        componentSaves = SaveShapes.ComponentCycle(random);
        serviceSaves = SaveShapes.ServiceCycle(random);
        mvcPosts = ConfigShapes.MvcCycle(random);
        cookieLifetimes = ConfigShapes.CookieCycle(random);
        sessionLifetimes = ConfigShapes.SessionCycle(random);
        cookieAppends = ConfigShapes.AppendCycle(random);
        signIns = ConfigShapes.SignInCycle(random);
    }

    /// <summary>Generates whole units (one entity each) until the corpus has at least <paramref name="targetLines"/> lines.</summary>
    public static Corpus Generate(int targetLines, int seed = DefaultSeed)
    {
        var generator = new CorpusGenerator(seed);
        return generator.Run(targetLines);
    }

    private Corpus Run(int targetLines)
    {
        WriteShared();
        var group = new List<Entity>();
        var unit = 0;
        while (lines < targetLines || group.Count > 0)
        {
            if (lines < targetLines)
            {
                var entity = NewEntity(unit++);
                WriteUnit(entity);
                group.Add(entity);
            }

            if (group.Count == GroupSize || (lines >= targetLines && group.Count > 0))
            {
                WriteGroup(group, groups++);
                group.Clear();
            }
        }

        return new Corpus(files, razorSources, planted, calls, unit);
    }

    private Entity NewEntity(int unit)
    {
        var noun = Nouns[unit % Nouns.Length];
        var module = Modules[unit / Nouns.Length % Modules.Length];
        var generation = unit / (Nouns.Length * Modules.Length);
        var extras = ExtraProperties.OrderBy(_ => random.Next()).Take(2 + random.Next(4)).OrderBy(p => Array.IndexOf(ExtraProperties, p)).ToList();
        return new Entity(unit, module, noun, generation, extras);
    }

    private void Add(string path, string text, bool razorGenerated = false)
    {
        var file = new CorpusFile(path, text.Replace("\r\n", "\n") + "\n", razorGenerated);
        files.Add(file);
        lines += file.LineCount;
    }

    private void Plant(string rule, int count = 1) =>
        planted[rule] = planted.TryGetValue(rule, out var n) ? n + count : count;

    private void Count(string kind, int count = 1) =>
        calls[kind] = calls.TryGetValue(kind, out var n) ? n + count : count;

    /// <summary>Writes one save method body and records what it should trigger.</summary>
    private string Save(SaveShape shape, SaveSite site, bool pipelineHandlesSession = false)
    {
        var expected = SaveShapes.ExpectedRules(shape).ToList();
        if (pipelineHandlesSession)
        {
            expected.Remove("SESS001");
        }

        foreach (var rule in expected)
        {
            Plant(rule);
        }

        Count(expected.Contains("SESS001") ? "save (unhandled)" : "save (handled)");
        return SaveShapes.Body(shape, site);
    }

    private void WriteShared()
    {
        Add("/src/Contoso.Shared/GlobalUsings.cs", """
            global using System;
            global using System.Collections.Generic;
            global using System.Linq;
            global using System.Net;
            global using System.Net.Http;
            global using System.Net.Http.Json;
            global using System.Threading;
            global using System.Threading.Tasks;
            """);

        Add("/src/Contoso.Shared/SaveResult.cs", """
            namespace Contoso.Shared;

            /// <summary>What happened to a save, as the UI reports it.</summary>
            public enum SaveResult
            {
                None,
                Saved,
                SessionExpired,
                Failed,
            }
            """);

        Add("/src/Contoso.Shared/ResponseHandling.cs", """
            namespace Contoso.Shared;

            /// <summary>The one place that turns a save's response into what the UI shows.</summary>
            public static class ResponseHandling
            {
                public static async Task<SaveResult> ToSaveResultAsync(HttpResponseMessage response)
                {
                    if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    {
                        return SaveResult.SessionExpired;
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        return body.Length > 0 ? SaveResult.Failed : SaveResult.Failed;
                    }

                    return SaveResult.Saved;
                }

                public static string Describe(SaveResult result) => result switch
                {
                    SaveResult.Saved => "Saved.",
                    SaveResult.SessionExpired => "Your session has expired. Sign in again; your changes are kept.",
                    SaveResult.Failed => "The changes could not be saved.",
                    _ => string.Empty,
                };
            }
            """);

        Add("/src/Contoso.Shared/Paging.cs", """
            namespace Contoso.Shared;

            public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, int Total)
            {
                public int Pages => Size == 0 ? 0 : (Total + Size - 1) / Size;

                public bool HasNext => Number < Pages;

                public bool HasPrevious => Number > 1;

                public static Page<T> Of(IEnumerable<T> source, int number, int size)
                {
                    var all = source as IReadOnlyList<T> ?? source.ToList();
                    var items = all.Skip(Math.Max(0, number - 1) * size).Take(size).ToList();
                    return new Page<T>(items, number, size, all.Count);
                }
            }

            public static class Text
            {
                public static string Truncate(string? value, int length)
                {
                    if (string.IsNullOrEmpty(value))
                    {
                        return string.Empty;
                    }

                    return value.Length <= length ? value : value[..length] + "…";
                }

                public static string Slug(string value)
                {
                    var chars = value.Trim().ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
                    return new string(chars).Trim('-');
                }
            }
            """);
    }

    private void WriteUnit(Entity e)
    {
        Add($"{e.FolderPath}/{e.Name}.cs", Model(e));
        Add($"{e.FolderPath}/{e.Name}Validator.cs", Validator(e));
        Add($"{e.FolderPath}/{e.Name}Calculator.cs", Calculator(e));
        Add($"{e.FolderPath}/{e.Name}Repository.cs", Repository(e));
        Add($"{e.FolderPath}/Services/{e.Name}ApiClient.cs", ApiClient(e, pipelineHandlesSession: PipelineHandles(groups)));
        razorSources.AddRange(new[] { "Editor", "List", "Details" }.Select(component => RazorSource(e, component)));
        Add($"{e.FolderPath}/Pages/{e.Name}Editor.razor.cs", EditorComponent(e));
        Add(RazorPath(e, "Editor"), EditorMarkup(e), razorGenerated: true);
        Add($"{e.FolderPath}/Pages/{e.Name}List.razor.cs", ListComponent(e));
        Add(RazorPath(e, "List"), ListMarkup(e), razorGenerated: true);
        Add($"{e.FolderPath}/Pages/{e.Name}Details.razor.cs", DetailsComponent(e));
        Add($"{e.FolderPath}/Controllers/{e.Name}Controller.cs", MvcController(e));
        Add($"{e.FolderPath}/Controllers/{e.Name}ApiController.cs", ApiController(e));
    }

    /// <summary>One group in four registers its typed clients with a session-aware handler (SPEC §3.1, 4).</summary>
    private static bool PipelineHandles(int group) => group % 4 == 3;

    private static string RazorPath(Entity e, string component) =>
        $"/obj/Debug/net10.0/generated/Microsoft.CodeAnalysis.Razor.Compiler/Microsoft.NET.Sdk.Razor.SourceGenerators.RazorSourceGenerator/"
        + $"{e.FolderPath.TrimStart('/').Replace('/', '_').Replace('.', '_')}_Pages_{e.Name}{component}_razor.g.cs";

    private static string RazorSource(Entity e, string component) => $"{e.FolderPath}/Pages/{e.Name}{component}.razor";

    private static IEnumerable<Property> CoreProperties(Entity e) => new[]
    {
        new Property("string", "Name", $"\"New {e.Camel}\"", PropertyKind.Text),
        new Property("decimal", "Amount", "0m", PropertyKind.Money),
        new Property("int", "Quantity", "1", PropertyKind.Number),
        new Property("bool", "IsActive", "true", PropertyKind.Flag),
        new Property("string", "Currency", "\"CHF\"", PropertyKind.Text),
    };

    private static IEnumerable<Property> AllProperties(Entity e) => CoreProperties(e).Concat(e.Properties);
}
