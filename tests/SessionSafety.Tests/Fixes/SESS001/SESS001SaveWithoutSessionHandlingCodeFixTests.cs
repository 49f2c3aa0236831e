using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SessionSafety.Tests.Verifiers;
using static SessionSafety.Tests.Analyzers.SESS001.SESS001Sources;

using Verify = SessionSafety.Tests.Verifiers.CSharpCodeFixVerifier<
    SessionSafety.Analyzers.Rules.SESS001.SESS001SaveWithoutSessionHandlingAnalyzer,
    SessionSafety.CodeFixes.Rules.SESS001.SESS001SaveWithoutSessionHandlingCodeFix>;

namespace SessionSafety.Tests.Fixes.SESS001;

public sealed class SESS001SaveWithoutSessionHandlingCodeFixTests
{
    // ---------------------------------------------------------------- the fix

    [Fact]
    public async Task PostAsJson_FixWrapsInGuard()
    {
        await Verify.VerifyCodeFixAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            public record Message(string Text);

            public class Compose(HttpClient http)
            {
                public async Task SendAsync(Message message)
                {
                    // send it
                    var response = await http.[|PostAsJsonAsync|]("api/messages", message);
                    response.EnsureSuccessStatusCode();
                }
            }
            """,
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using SessionSafety;

            public record Message(string Text);

            public class Compose(HttpClient http)
            {
                public async Task SendAsync(Message message)
                {
                    // send it
                    var response = await DraftGuard.Default.SendAsync("Compose.SendAsync", message, draft => http.PostAsJsonAsync("api/messages", draft));
                    response.EnsureSuccessStatusCode();
                }
            }
            """);
    }

    [Fact]
    public async Task PostAsyncContentAndSendAsyncRequest_FixPassesThePayload()
    {
        await Verify.VerifyCodeFixAsync(
            """
            using System.Net.Http;
            using System.Threading.Tasks;

            public class Compose
            {
                private HttpClient Http { get; } = new HttpClient();

                public async Task SaveAsync(string text)
                {
                    using var content = new StringContent(text);
                    var saved = await Http.[|PutAsync|]("api/notes/1", content).ConfigureAwait(false);
                    saved.EnsureSuccessStatusCode();
                }

                public async Task SendAsync(string text)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "api/notes") { Content = new StringContent(text) };
                    using var response = await Http.[|SendAsync|](request);
                    response.EnsureSuccessStatusCode();
                }
            }
            """,
            """
            using System.Net.Http;
            using System.Threading.Tasks;
            using SessionSafety;

            public class Compose
            {
                private HttpClient Http { get; } = new HttpClient();

                public async Task SaveAsync(string text)
                {
                    using var content = new StringContent(text);
                    var saved = await DraftGuard.Default.SendAsync("Compose.SaveAsync", content, draft => Http.PutAsync("api/notes/1", draft)).ConfigureAwait(false);
                    saved.EnsureSuccessStatusCode();
                }

                public async Task SendAsync(string text)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "api/notes") { Content = new StringContent(text) };
                    using var response = await DraftGuard.Default.SendAsync("Compose.SendAsync", request, draft => Http.SendAsync(draft));
                    response.EnsureSuccessStatusCode();
                }
            }
            """);
    }

    [Fact]
    public async Task TwoSavesInOneMember_FixGivesEachItsOwnKey()
    {
        await Verify.VerifyCodeFixAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            public class Editor(HttpClient http)
            {
                public async Task PublishAsync(string title, string body)
                {
                    (await http.[|PutAsJsonAsync|]("api/title", title)).EnsureSuccessStatusCode();
                    (await http.[|PutAsJsonAsync|]("api/body", body)).EnsureSuccessStatusCode();
                }
            }
            """,
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using SessionSafety;

            public class Editor(HttpClient http)
            {
                public async Task PublishAsync(string title, string body)
                {
                    (await DraftGuard.Default.SendAsync("Editor.PublishAsync", title, draft => http.PutAsJsonAsync("api/title", draft))).EnsureSuccessStatusCode();
                    (await DraftGuard.Default.SendAsync("Editor.PublishAsync.2", body, draft => http.PutAsJsonAsync("api/body", draft))).EnsureSuccessStatusCode();
                }
            }
            """);
    }

    [Fact]
    public async Task PayloadWithSideEffects_FixEvaluatesItOnce()
    {
        await Verify.VerifyCodeFixAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            public class Compose(HttpClient http)
            {
                private int counter;

                private object NextMessage() => new { Id = ++counter };

                public async Task SendAsync()
                {
                    var draft = "local named like the lambda parameter";
                    var response = await http.[|PatchAsJsonAsync|]("api/messages", NextMessage());
                    response.EnsureSuccessStatusCode();
                    System.Console.WriteLine(draft);
                }
            }
            """,
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using SessionSafety;

            public class Compose(HttpClient http)
            {
                private int counter;

                private object NextMessage() => new { Id = ++counter };

                public async Task SendAsync()
                {
                    var draft = "local named like the lambda parameter";
                    var response = await DraftGuard.Default.SendAsync("Compose.SendAsync", NextMessage(), draft2 => http.PatchAsJsonAsync("api/messages", draft2));
                    response.EnsureSuccessStatusCode();
                    System.Console.WriteLine(draft);
                }
            }
            """);
    }

    [Fact]
    public async Task LambdaInConstructor_FixUsesTheEnclosingMemberKey()
    {
        await Verify.VerifyCodeFixAsync(
            """
            using System;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            public class Compose
            {
                public Func<string, Task> Send { get; }

                public Compose(HttpClient http)
                {
                    Send = async text =>
                    {
                        var response = await http.[|PostAsJsonAsync|]("api/messages", text);
                        response.EnsureSuccessStatusCode();
                    };
                }
            }
            """,
            """
            using System;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;
            using SessionSafety;

            public class Compose
            {
                public Func<string, Task> Send { get; }

                public Compose(HttpClient http)
                {
                    Send = async text =>
                    {
                        var response = await DraftGuard.Default.SendAsync("Compose.Compose", text, draft => http.PostAsJsonAsync("api/messages", draft));
                        response.EnsureSuccessStatusCode();
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task FixAllAcrossDocuments_FixesEverySave()
    {
        await new Verify.Test
        {
            TestCode = """
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;

                public class First(HttpClient http)
                {
                    public async Task SaveAsync(string text) => (await http.[|PostAsJsonAsync|]("api/a", text)).EnsureSuccessStatusCode();
                }
                """,
            FixedCode = """
                using System.Net.Http;
                using System.Net.Http.Json;
                using System.Threading.Tasks;
                using SessionSafety;

                public class First(HttpClient http)
                {
                    public async Task SaveAsync(string text) => (await DraftGuard.Default.SendAsync("First.SaveAsync", text, draft => http.PostAsJsonAsync("api/a", draft))).EnsureSuccessStatusCode();
                }
                """,
            CodeActionEquivalenceKey = SessionSafety.CodeFixes.FixEquivalenceKeys.KeepDraftUntilSaveSucceeds,
            TestState = { Sources = { ("/0/Second.cs", """
                    using System.Net.Http;
                    using System.Net.Http.Json;
                    using System.Threading.Tasks;

                    public class Second(HttpClient http)
                    {
                        public async Task SaveAsync(string text) => (await http.[|PutAsJsonAsync|]("api/b", text)).EnsureSuccessStatusCode();
                    }
                    """) } },
            FixedState = { Sources = { ("/0/Second.cs", """
                    using System.Net.Http;
                    using System.Net.Http.Json;
                    using System.Threading.Tasks;
                    using SessionSafety;

                    public class Second(HttpClient http)
                    {
                        public async Task SaveAsync(string text) => (await DraftGuard.Default.SendAsync("Second.SaveAsync", text, draft => http.PutAsJsonAsync("api/b", draft))).EnsureSuccessStatusCode();
                    }
                    """) } },
        }.RunAsync();
    }

    [Fact]
    public async Task RuntimeNotReferenced_OffersNoFix()
    {
        await new Verify.Test
        {
            TestCode = InMethod("var r = await http.[|PostAsJsonAsync|](\"api/m\", message); r.EnsureSuccessStatusCode();"),
            FixedCode = InMethod("var r = await http.[|PostAsJsonAsync|](\"api/m\", message); r.EnsureSuccessStatusCode();"),
        }.WithoutRuntime().RunAsync();
    }

    [Fact]
    public async Task SynchronousSend_OffersNoFix()
    {
        await NoCodeFixAsync(Usings + """
            public class Compose
            {
                public void Save(HttpClient http, HttpContent content)
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "api/m") { Content = content };
                    using var response = http.[|Send|](request);
                    response.EnsureSuccessStatusCode();
                }
            }
            """);
    }

    /// <summary>The diagnostics are reported (as the markup says) but no fix is offered for them.</summary>
    private static Task NoCodeFixAsync(string source) => Verify.VerifyCodeFixAsync(source, source);
}
