using System.Linq;

namespace SessionSafety.Benchmarks.Corpus;

// The HTTP-facing code: typed API clients, Blazor components (code-behind and the Razor generator's
// output), MVC and API controllers. Save methods take their bodies from the shape cycles.
public sealed partial class CorpusGenerator
{
    private string ServiceSave(Entity e, string method, string parameter, string payload, string postUrl, string itemUrl, bool pipelineHandlesSession)
    {
        var site = new SaveSite("http", payload, postUrl, itemUrl, $"\"{e.Namespace}.{e.Name}ApiClient.{method}\"", InComponent: false);
        var body = Save(serviceSaves.Next(), site, pipelineHandlesSession);
        return $$"""
                public async Task<SaveResult> {{method}}({{parameter}}, CancellationToken cancellationToken = default)
                {
                    var result = SaveResult.None;
            {{Text.Indent(body, 8)}}
                    return result;
                }
            """;
    }

    private string ComponentSave(string signature, string prologue, string payload, string postUrl, string itemUrl, string epilogue = "")
    {
        var site = new SaveSite("Http", payload, postUrl, itemUrl, "DraftKey", InComponent: true);
        var body = Save(componentSaves.Next(), site);
        return $$"""
                private async Task {{signature}}
                {
            {{Text.Indent(prologue, 8)}}
            {{Text.Indent(body, 8)}}
            {{Text.Indent(epilogue, 8)}}
                }
            """;
    }

    private string ApiClient(Entity e, bool pipelineHandlesSession)
    {
        Count("GET", 4);
        Count("DELETE");
        Count("save (handled)", 2); // CreateAsync and UpdateAsync hand the response back
        var archive = ServiceSave(e, "ArchiveAsync", $"{e.Name} item", "item", $"\"{e.Route}/archive\"", $"$\"{e.Route}/{{item.Id}}/archive\"", pipelineHandlesSession);
        var submit = ServiceSave(e, "SubmitAsync", $"{e.Name} item", "item", $"\"{e.Route}/submitted\"", $"$\"{e.Route}/{{item.Id}}/submit\"", pipelineHandlesSession);
        var bulk = ServiceSave(e, "UpdateManyAsync", $"IReadOnlyList<{e.Name}> items", "items", $"\"{e.Route}/bulk\"", $"\"{e.Route}/bulk\"", pipelineHandlesSession);
        var comment = ServiceSave(e, "AddCommentAsync", $"{e.Name}Comment comment", "comment", $"$\"{e.Route}/{{comment.{e.Name}Id}}/comments\"", $"$\"{e.Route}/{{comment.{e.Name}Id}}/comments/latest\"", pipelineHandlesSession);
        return $$"""
            using System.Text;
            using System.Text.Json;
            using Contoso.Shared;

            namespace {{e.Namespace}}.Services;

            /// <summary>The typed client the {{e.Module}} front end uses for {{e.Plural.ToLowerInvariant()}}.</summary>
            public sealed class {{e.Name}}ApiClient
            {
                private readonly HttpClient http;

                public {{e.Name}}ApiClient(HttpClient http)
                {
                    this.http = http;
                }

                public async Task<IReadOnlyList<{{e.Name}}>> GetAllAsync(CancellationToken cancellationToken = default) =>
                    await http.GetFromJsonAsync<List<{{e.Name}}>>("{{e.Route}}", cancellationToken) ?? new List<{{e.Name}}>();

                public Task<{{e.Name}}?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
                    http.GetFromJsonAsync<{{e.Name}}>($"{{e.Route}}/{id}", cancellationToken);

                public async Task<IReadOnlyList<{{e.Name}}Summary>> GetSummaryAsync(CancellationToken cancellationToken = default)
                {
                    using var response = await http.GetAsync("{{e.Route}}/summary", cancellationToken);
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadFromJsonAsync<List<{{e.Name}}Summary>>(cancellationToken) ?? new List<{{e.Name}}Summary>();
                }

                public Task<string> ExportCsvAsync(CancellationToken cancellationToken = default) =>
                    http.GetStringAsync("{{e.Route}}/export.csv", cancellationToken);

                /// <summary>The caller reads the status: the response is handed back.</summary>
                public Task<HttpResponseMessage> CreateAsync({{e.Name}} item, CancellationToken cancellationToken = default) =>
                    http.PostAsJsonAsync("{{e.Route}}", item, cancellationToken);

                public async Task<HttpResponseMessage> UpdateAsync({{e.Name}} item, CancellationToken cancellationToken = default)
                {
                    item.UpdatedAt = DateTime.UtcNow;
                    return await http.PutAsJsonAsync($"{{e.Route}}/{item.Id}", item, cancellationToken);
                }

                public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
                {
                    using var response = await http.DeleteAsync($"{{e.Route}}/{id}", cancellationToken);
                    response.EnsureSuccessStatusCode();
                }

            {{archive}}

            {{submit}}

            {{comment}}

            {{bulk}}
            }
            """;
    }

    private string EditorComponent(Entity e)
    {
        var fetchDataSample = e.Unit % 2 == 0;
        Count("GET", 2);
        var load = fetchDataSample
            ? $$"""
                    try
                    {
                        model = await Http.GetFromJsonAsync<{{e.Name}}>($"{{e.Route}}/{Id}") ?? new {{e.Name}} { Id = Id };
                        categories = await Http.GetFromJsonAsync<List<string>>("{{e.Route}}/categories") ?? new List<string>();
                    }
                    catch (AccessTokenNotAvailableException exception)
                    {
                        exception.Redirect();
                    }
                    finally
                    {
                        loading = false;
                    }
            """
            : $$"""
                    model = await Http.GetFromJsonAsync<{{e.Name}}>($"{{e.Route}}/{Id}") ?? new {{e.Name}} { Id = Id };
                    categories = await Http.GetFromJsonAsync<List<string>>("{{e.Route}}/categories") ?? new List<string>();
                    loading = false;
            """;
        var save = ComponentSave("SaveAsync()", string.Empty, "model", $"\"{e.Route}\"", $"$\"{e.Route}/{{model.Id}}\"", "await JS.InvokeVoidAsync(\"localStorage.removeItem\", DraftKey);");
        var submit = ComponentSave("SubmitAsync()", $"model.Status = {e.Name}Status.Submitted;", "model", $"\"{e.Route}/submitted\"", $"$\"{e.Route}/{{model.Id}}/submit\"");
        var status = ComponentSave($"UpdateStatusAsync({e.Name}Status status)", $"var patch = new {e.Name}StatusPatch(status, comment);", "patch", $"$\"{e.Route}/{{model.Id}}/status\"", $"$\"{e.Route}/{{model.Id}}/status\"");
        var addComment = ComponentSave(
            "AddCommentAsync()",
            $$"""
            if (string.IsNullOrWhiteSpace(comment))
            {
                return;
            }

            var entry = new {{e.Name}}Comment(model.Id, "me", comment, DateTime.UtcNow);
            """,
            "entry",
            $"$\"{e.Route}/{{model.Id}}/comments\"",
            $"$\"{e.Route}/{{model.Id}}/comments/latest\"",
            "comment = null;");
        return $$"""
            using System.Text;
            using System.Text.Json;
            using Contoso.Shared;
            using Microsoft.AspNetCore.Components;
            using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
            using Microsoft.JSInterop;
            using SessionSafety;

            namespace {{e.Namespace}}.Pages;

            public partial class {{e.Name}}Editor : ComponentBase
            {
                private const string DraftKey = "{{e.Namespace}}.{{e.Name}}Editor";
                private {{e.Name}} model = new();
                private IReadOnlyList<string> categories = Array.Empty<string>();
                private SaveResult result;
                private bool loading;
                private string? comment;

                [Parameter]
                public Guid Id { get; set; }

                [Inject]
                public HttpClient Http { get; set; } = default!;

                [Inject]
                public NavigationManager Navigation { get; set; } = default!;

                [Inject]
                public IJSRuntime JS { get; set; } = default!;

                private string StatusText => ResponseHandling.Describe(result);

                private bool CanSave => !loading && !string.IsNullOrWhiteSpace(model.Name) && categories.Count >= 0;

                protected override async Task OnParametersSetAsync()
                {
                    if (Id == Guid.Empty || model.Id == Id)
                    {
                        return;
                    }

                    loading = true;
            {{load}}
                }

            {{save}}

            {{submit}}

            {{status}}

            {{addComment}}

                private async Task RestoreDraftAsync()
                {
                    var json = await JS.InvokeAsync<string?>("localStorage.getItem", DraftKey);
                    if (!string.IsNullOrEmpty(json))
                    {
                        model = JsonSerializer.Deserialize<{{e.Name}}>(json) ?? model;
                    }
                }

                private void Reset()
                {
                    model = new {{e.Name}} { Id = Id };
                    result = SaveResult.None;
                }
            }
            """;
    }

    private string ListComponent(Entity e)
    {
        Count("GET", 2);
        Count("DELETE");
        var approve = ComponentSave("ApproveSelectedAsync()", "var ids = selected.ToList();", "ids", $"\"{e.Route}/approve\"", $"\"{e.Route}/approved\"", "selected.Clear();");
        var archive = ComponentSave("ArchiveSelectedAsync()", $"var changes = items.Where(i => selected.Contains(i.Id)).Select(i => new {e.Name}StatusPatch({e.Name}Status.Archived, null)).ToList();", "changes", $"\"{e.Route}/archive\"", $"\"{e.Route}/archived\"", "selected.Clear();");
        var reorder = ComponentSave("ReorderAsync()", "var order = items.Select((item, index) => new { item.Id, Index = index }).ToList();", "order", $"\"{e.Route}/order\"", $"\"{e.Route}/order\"");
        return $$"""
            using System.Text;
            using System.Text.Json;
            using Contoso.Shared;
            using Microsoft.AspNetCore.Components;
            using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
            using Microsoft.JSInterop;
            using SessionSafety;

            namespace {{e.Namespace}}.Pages;

            public partial class {{e.Name}}List : ComponentBase
            {
                private const int PageSize = 25;
                private const string DraftKey = "{{e.Namespace}}.{{e.Name}}List";
                private readonly HashSet<Guid> selected = new();
                private List<{{e.Name}}> items = new();
                private IReadOnlyList<{{e.Name}}Summary> summary = Array.Empty<{{e.Name}}Summary>();
                private SaveResult result;
                private string? filter;
                private int page = 1;

                [Inject]
                public HttpClient Http { get; set; } = default!;

                [Inject]
                public NavigationManager Navigation { get; set; } = default!;

                [Inject]
                public IJSRuntime JS { get; set; } = default!;

                private IEnumerable<{{e.Name}}> Visible =>
                    items
                        .Where(i => string.IsNullOrEmpty(filter) || i.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
                        .Skip((page - 1) * PageSize)
                        .Take(PageSize);

                private int Pages => Math.Max(1, (items.Count + PageSize - 1) / PageSize);

                protected override async Task OnInitializedAsync()
                {
                    items = await Http.GetFromJsonAsync<List<{{e.Name}}>>("{{e.Route}}") ?? new List<{{e.Name}}>();
                    await RefreshSummaryAsync();
                }

                private async Task RefreshSummaryAsync()
                {
                    summary = await Http.GetFromJsonAsync<List<{{e.Name}}Summary>>("{{e.Route}}/summary") ?? new List<{{e.Name}}Summary>();
                }

                private async Task DeleteAsync(Guid id)
                {
                    using var response = await Http.DeleteAsync($"{{e.Route}}/{id}");
                    if (response.IsSuccessStatusCode)
                    {
                        items.RemoveAll(i => i.Id == id);
                        selected.Remove(id);
                    }
                }

            {{approve}}

            {{reorder}}

            {{archive}}

                private void SetFilter(string? value)
                {
                    filter = value;
                    page = 1;
                }

                private void Toggle(Guid id)
                {
                    if (!selected.Add(id))
                    {
                        selected.Remove(id);
                    }
                }

                private void Next() => page = Math.Min(Pages, page + 1);

                private void Previous() => page = Math.Max(1, page - 1);

                private void Open({{e.Name}} item) => Navigation.NavigateTo($"/{{e.Plural.ToLowerInvariant()}}/{item.Id}/edit");
            }
            """;
    }

    private string DetailsComponent(Entity e)
    {
        Count("GET", 2);
        var post = ComponentSave("PostCommentAsync(string text)", $"var entry = new {e.Name}Comment(Id, \"me\", text, DateTime.UtcNow);", "entry", $"$\"{e.Route}/{{Id}}/comments\"", $"$\"{e.Route}/{{Id}}/comments/latest\"", "comments.Add(entry);");
        var rate = ComponentSave("RateAsync(int stars)", $"var rating = new {{ Id, Stars = Math.Clamp(stars, 1, 5), At = DateTime.UtcNow }};", "rating", $"$\"{e.Route}/{{Id}}/ratings\"", $"$\"{e.Route}/{{Id}}/rating\"");
        var approve = ComponentSave("ApproveAsync()", $"var patch = new {e.Name}StatusPatch({e.Name}Status.Approved, null);", "patch", $"$\"{e.Route}/{{Id}}/approval\"", $"$\"{e.Route}/{{Id}}/status\"");
        return $$"""
            using System.Text;
            using System.Text.Json;
            using Contoso.Shared;
            using Microsoft.AspNetCore.Components;
            using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
            using Microsoft.JSInterop;
            using SessionSafety;

            namespace {{e.Namespace}}.Pages;

            public sealed class {{e.Name}}Details : ComponentBase
            {
                private const string DraftKey = "{{e.Namespace}}.{{e.Name}}Details";
                private readonly List<{{e.Name}}Comment> comments = new();
                private {{e.Name}}? item;
                private SaveResult result;

                [Parameter]
                public Guid Id { get; set; }

                [Inject]
                public HttpClient Http { get; set; } = default!;

                [Inject]
                public NavigationManager Navigation { get; set; } = default!;

                [Inject]
                public IJSRuntime JS { get; set; } = default!;

                public string Title => item is null ? "Loading…" : $"{item.Name} · {ResponseHandling.Describe(result)}";

                protected override async Task OnParametersSetAsync()
                {
                    item = await Http.GetFromJsonAsync<{{e.Name}}>($"{{e.Route}}/{Id}");
                    var loaded = await Http.GetFromJsonAsync<List<{{e.Name}}Comment>>($"{{e.Route}}/{Id}/comments");
                    comments.Clear();
                    comments.AddRange(loaded ?? new List<{{e.Name}}Comment>());
                }

            {{post}}

            {{approve}}

            {{rate}}
            }
            """;
    }

    /// <summary>
    /// Most controllers are guarded as apps usually guard them: <c>[Authorize]</c> on the class and antiforgery
    /// validation on each form post, so an expired session never reaches the actions and SESS002 stays silent
    /// on their login redirects. One in four checks sign-in itself and validates nothing (an older or public
    /// area): there an expired session's form post reaches the redirect, and SESS002 reports it.
    /// </summary>
    private string MvcController(Entity e)
    {
        var edit = mvcPosts.Next();
        var create = mvcPosts.Next();
        var guarded = !OpenController(e);
        foreach (var shape in new[] { edit, create })
        {
            if (ConfigShapes.IsFlagged(shape) && !guarded)
            {
                Plant("SESS002");
            }
        }

        var authorize = guarded ? "\n[Authorize]" : string.Empty;
        var antiforgery = guarded ? "\n    [ValidateAntiForgeryToken]" : string.Empty;

        var editEnd = edit == MvcPostShape.LocalRedirectToList
            ? $"return LocalRedirect(\"~/{e.Plural.ToLowerInvariant()}\");"
            : "return RedirectToAction(nameof(Details), new { id });";
        return $$"""
            using System.Text.Json;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;

            namespace {{e.Namespace}}.Controllers;
            {{authorize}}
            public sealed class {{e.Name}}Controller : Controller
            {
                private readonly {{e.Name}}Repository repository;
                private readonly {{e.Name}}Calculator calculator;

                public {{e.Name}}Controller({{e.Name}}Repository repository, {{e.Name}}Calculator calculator)
                {
                    this.repository = repository;
                    this.calculator = calculator;
                }

                [HttpGet]
                public IActionResult Index(string? search, int page = 1)
                {
                    var result = repository.Page(search, page, 20);
                    ViewData["Total"] = calculator.Total(result.Items);
                    return View(result);
                }

                [HttpGet]
                public IActionResult Details(Guid id)
                {
                    var item = repository.Find(id);
                    return item is null ? NotFound() : View(item);
                }

                [HttpGet]
                public IActionResult Edit(Guid id)
                {
                    if (User.Identity?.IsAuthenticated != true)
                    {
                        return RedirectToAction("Login", "Account");
                    }

                    var item = repository.Find(id);
                    return item is null ? NotFound() : View({{e.Name}}FormModel.From(item));
                }

                [HttpPost]{{antiforgery}}
                public IActionResult Edit(Guid id, {{e.Name}}FormModel form)
                {
            {{Text.Indent(ConfigShapes.MvcUnauthenticated(edit, e.Name), 8)}}
                    if (!ModelState.IsValid)
                    {
                        return View(form);
                    }

                    var errors = repository.Save(form.ToEntity(id));
                    if (errors.Count > 0)
                    {
                        foreach (var error in errors)
                        {
                            ModelState.AddModelError(string.Empty, error);
                        }

                        return View(form);
                    }

                    {{editEnd}}
                }

                [HttpPost]{{antiforgery}}
                public IActionResult Create({{e.Name}}FormModel form)
                {
            {{Text.Indent(ConfigShapes.MvcUnauthenticated(create, e.Name), 8)}}
                    var entity = form.ToEntity(Guid.NewGuid());
                    var errors = repository.Save(entity);
                    return errors.Count == 0 ? RedirectToAction(nameof(Details), new { id = entity.Id }) : View(form);
                }

                [HttpPost]
                [ValidateAntiForgeryToken]
                public IActionResult Delete(Guid id)
                {
                    repository.Delete(id);
                    return RedirectToAction(nameof(Index));
                }
            }
            """;
    }

    private static bool OpenController(Entity e) => e.Unit % 4 == 1;

    private static string ApiController(Entity e) => $$"""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        namespace {{e.Namespace}}.Controllers;

        [ApiController]
        [Route("{{e.Route}}")]
        [Authorize]
        public sealed class {{e.Name}}ApiController : ControllerBase
        {
            private readonly {{e.Name}}Repository repository;
            private readonly {{e.Name}}Calculator calculator;

            public {{e.Name}}ApiController({{e.Name}}Repository repository, {{e.Name}}Calculator calculator)
            {
                this.repository = repository;
                this.calculator = calculator;
            }

            [HttpGet]
            public ActionResult<IReadOnlyList<{{e.Name}}>> List([FromQuery] string? search) => Ok(repository.Search(search));

            [HttpGet("{id:guid}")]
            public ActionResult<{{e.Name}}> Get(Guid id) => repository.Find(id) is { } item ? item : NotFound();

            [HttpGet("summary")]
            public ActionResult<IReadOnlyList<{{e.Name}}Summary>> Summary() => Ok(calculator.Summarize(repository.Search(null)));

            [HttpPost]
            public ActionResult<{{e.Name}}> Create({{e.Name}} item)
            {
                var errors = repository.Save(item);
                if (errors.Count > 0)
                {
                    return ValidationProblem(new ValidationProblemDetails(new Dictionary<string, string[]> { [string.Empty] = errors.ToArray() }));
                }

                return CreatedAtAction(nameof(Get), new { id = item.Id }, item);
            }

            [HttpPut("{id:guid}")]
            public IActionResult Update(Guid id, {{e.Name}} item)
            {
                if (id != item.Id)
                {
                    return BadRequest();
                }

                var errors = repository.Save(item);
                return errors.Count == 0 ? NoContent() : ValidationProblem(new ValidationProblemDetails(new Dictionary<string, string[]> { [string.Empty] = errors.ToArray() }));
            }

            [HttpPatch("{id:guid}/status")]
            public IActionResult Patch(Guid id, {{e.Name}}StatusPatch patch)
            {
                var item = repository.Find(id);
                if (item is null)
                {
                    return NotFound();
                }

                item.Status = patch.Status;
                item.Notes = patch.Comment ?? item.Notes;
                repository.Save(item);
                return NoContent();
            }

            [HttpDelete("{id:guid}")]
            public IActionResult Delete(Guid id) => repository.Delete(id) ? NoContent() : NotFound();
        }
        """;
}
