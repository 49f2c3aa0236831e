using System.Collections.Generic;
using static SessionSafety.Benchmarks.Scaling.Shapes.ShapeSources;

namespace SessionSafety.Benchmarks.Scaling.Shapes;

/// <summary>
/// SESS001's worst cases (issue #20): a response copied through a chain of N locals (the escape walk
/// follows each one), N saves in one member, N typed-client registrations that each save is matched
/// against, and a Razor page whose N buttons save in one generated method.
/// </summary>
internal static class SESS001Shapes
{
    private const string Rule = "SESS001";

    public static IEnumerable<ScalingShape> All { get; } = new[]
    {
        new ScalingShape(Rule, "alias-chain", "var r1 = await PostAsJsonAsync(…); var r2 = r1; … rN", AliasChain, _ => 1),
        new ScalingShape(Rule, "saves-in-one-member", "N saves in one member", SavesInOneMember, n => n),
        new ScalingShape(Rule, "client-registrations", "N AddHttpClient<T>().AddHttpMessageHandler<H>() and N typed clients, half with a session-aware handler", ClientRegistrations, Odds),
        new ScalingShape(Rule, "razor-buttons", "SESS002's .razor page: N @onclick lambdas that save (and redirect), all in one generated method", SESS002Shapes.RazorButtons, n => n),
    };

    private static string Client(string name, string members) => $$"""
        namespace Contoso.Scaling.Clients;

        public sealed class {{name}}
        {
            private readonly HttpClient http;

            public {{name}}(HttpClient http)
            {
                this.http = http;
            }

        {{members}}
        }

        """;

    private static ShapeCode AliasChain(int n) => Code(("Clients/NotesClient.cs", Client("NotesClient", $$"""
            public async Task SaveAsync(Note note)
            {
                var response0 = await http.PostAsJsonAsync("api/notes", note);
        {{Repeat(n, 8, i => $"var response{i + 1} = response{i};")}}
                response{{n}}.EnsureSuccessStatusCode();
            }
        """)));

    private static ShapeCode SavesInOneMember(int n) => Code(("Clients/NotesClient.cs", Client("NotesClient", $$"""
            public async Task SaveAllAsync(Note note)
            {
        {{Repeat(n, 8, i => $$"""
            var response{{i}} = await http.PostAsJsonAsync("api/notes/{{i}}", note);
            response{{i}}.EnsureSuccessStatusCode();
            """)}}
            }
        """)));

    /// <summary>The even clients send through a handler that tests for 401 (not reported); the odd ones through one that does not.</summary>
    private static ShapeCode ClientRegistrations(int n) => Code(
        ("Http/Handlers.cs", """
            namespace Contoso.Scaling.Http;

            public sealed class SessionRenewalHandler : DelegatingHandler
            {
                protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    var response = await base.SendAsync(request, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        response.Headers.Add("X-Session-Expired", "1");
                    }

                    return response;
                }
            }

            public sealed class AuditHandler : DelegatingHandler
            {
            }

            """),
        ("Registrations.cs", $$"""
            namespace Contoso.Scaling;

            public static class Registrations
            {
                public static void AddClients(IServiceCollection services)
                {
            {{Repeat(n, 8, i => $"services.AddHttpClient<Contoso.Scaling.Clients.Client{i}>().AddHttpMessageHandler<Contoso.Scaling.Http.{(i % 2 == 0 ? "SessionRenewalHandler" : "AuditHandler")}>();")}}
                }
            }

            """),
        ("Clients/Clients.cs", $$"""
            namespace Contoso.Scaling.Clients;

            {{Repeat(n, 0, i => $$"""
                public sealed class Client{{i}}
                {
                    private readonly HttpClient http;

                    public Client{{i}}(HttpClient http)
                    {
                        this.http = http;
                    }

                    public async Task SaveAsync(Note note)
                    {
                        var response = await http.PostAsJsonAsync("api/notes/{{i}}", note);
                        response.EnsureSuccessStatusCode();
                    }
                }

                """)}}

            """));
}
