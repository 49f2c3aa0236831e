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

    // ---------------------------------------------------------------- issue 18: fixed code that compiles

    /// <summary>A payload without a type of its own (null, default, target-typed new): the guard's type argument is written out (else CS0411).</summary>
    [Fact]
    public async Task PayloadWithoutATypeOfItsOwn_FixWritesTheTypeArgument()
    {
        await Verify.VerifyCodeFixAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            public record Message(string Text);

            public class Compose(HttpClient http)
            {
                public async Task ClearAsync()
                {
                    (await http.[|PostAsJsonAsync|]<Message?>("api/messages", null)).EnsureSuccessStatusCode();
                    (await http.[|PutAsJsonAsync|]<Message>("api/messages/1", default)).EnsureSuccessStatusCode();
                    (await http.[|SendAsync|](new(HttpMethod.Post, "api/messages"))).EnsureSuccessStatusCode();
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
                public async Task ClearAsync()
                {
                    (await DraftGuard.Default.SendAsync<Message?>("Compose.ClearAsync", null, draft => http.PostAsJsonAsync<Message?>("api/messages", draft))).EnsureSuccessStatusCode();
                    (await DraftGuard.Default.SendAsync<Message>("Compose.ClearAsync.2", default, draft => http.PutAsJsonAsync<Message>("api/messages/1", draft))).EnsureSuccessStatusCode();
                    (await DraftGuard.Default.SendAsync<HttpRequestMessage>("Compose.ClearAsync.3", new(HttpMethod.Post, "api/messages"), draft => http.SendAsync(draft))).EnsureSuccessStatusCode();
                }
            }
            """);
    }

    /// <summary>An explicit type argument the payload does not need is left to inference, as before.</summary>
    [Fact]
    public async Task TypedPayloadWithTypeArgument_FixLeavesInferenceAlone()
    {
        await Verify.VerifyCodeFixAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading.Tasks;

            public record Message(string Text);

            public class Compose(HttpClient http)
            {
                public async Task SendAsync(Message message) => (await http.[|PostAsJsonAsync|]<Message?>("api/messages", message)).EnsureSuccessStatusCode();
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
                public async Task SendAsync(Message message) => (await DraftGuard.Default.SendAsync("Compose.SendAsync", message, draft => http.PostAsJsonAsync<Message?>("api/messages", draft))).EnsureSuccessStatusCode();
            }
            """);
    }

    /// <summary>
    /// What a lambda cannot capture would be moved into the guard's lambda (CS8175, CS1628, CS1673): a
    /// ref struct (<c>Span&lt;T&gt;</c>, any <c>ref struct</c>), a ref local, a <c>ref</c>/<c>out</c>/<c>in</c>
    /// parameter, a struct's <c>this</c>. No fix is offered there.
    /// </summary>
    [Theory]
    [InlineData("ReadOnlySpan<char> id = \"42\".AsSpan(); http.[|PostAsJsonAsync|](\"api/m/\" + id.ToString(), message).Wait();")]
    [InlineData("Span<char> id = stackalloc char[2]; id[0] = '4'; id[1] = '2'; http.[|PutAsJsonAsync|](new string(id), message).Wait();")]
    [InlineData("var route = new Route(\"api/m\"); http.[|PatchAsJsonAsync|](route.Path, message).Wait();")]
    [InlineData("ref var client = ref clients[0]; client.[|PostAsJsonAsync|](\"api/m\", message).Wait();")]
    [InlineData("counter.[|PostAsJsonAsync|](\"api/m\", message).Wait();")]
    public async Task CallReadsWhatALambdaCannotCapture_OffersNoFix(string body)
    {
        await NoCodeFixAsync(Usings + $$"""
            public record Message(string Text);

            public ref struct Route(string path)
            {
                public string Path { get; } = path;
            }

            public class Compose(HttpClient http)
            {
                private readonly HttpClient[] clients = { new HttpClient() };

                public void Send(Message message, ref HttpClient counter)
                {
                    {{body}}
                }
            }
            """);
    }

    [Fact]
    public async Task SaveInAStructUsingItsOwnClient_OffersNoFix()
    {
        await NoCodeFixAsync(Usings + """
            public record Message(string Text);

            public struct Outbox
            {
                private readonly HttpClient http;

                public Outbox(HttpClient http) => this.http = http;

                public void Send(Message message) => http.[|PostAsJsonAsync|]("api/m", message).Wait();
            }
            """);
    }

    /// <summary>
    /// Blocking call sites keep blocking, now on the guard's task: <c>.Result</c>, <c>.GetAwaiter().GetResult()</c>,
    /// <c>.Wait()</c>, in a lock, a setter and a constructor. The runtime's guard is safe to block on (its awaits
    /// do not need the caller's context; tests/SessionSafety.Runtime.Tests/UiThreadBlockingTests.cs); the
    /// fixed code compiles at each shape.
    /// </summary>
    [Fact]
    public async Task BlockingCallSites_FixKeepsThemBlocking()
    {
        await Verify.VerifyCodeFixAsync(
            """
            using System.Net.Http;
            using System.Net.Http.Json;

            public record Message(string Text);

            public class Compose
            {
                private readonly object gate = new();
                private readonly HttpClient http = new();

                public Compose(Message first)
                {
                    var response = http.[|PostAsJsonAsync|]("api/messages", first).Result;
                    response.EnsureSuccessStatusCode();
                }

                public Message Draft
                {
                    set => http.[|PutAsJsonAsync|]("api/drafts", value).Wait();
                }

                public void Send(Message message)
                {
                    lock (gate)
                    {
                        var response = http.[|PatchAsJsonAsync|]("api/messages/1", message).GetAwaiter().GetResult();
                        response.EnsureSuccessStatusCode();
                    }
                }
            }
            """,
            """
            using System.Net.Http;
            using System.Net.Http.Json;
            using SessionSafety;

            public record Message(string Text);

            public class Compose
            {
                private readonly object gate = new();
                private readonly HttpClient http = new();

                public Compose(Message first)
                {
                    var response = DraftGuard.Default.SendAsync("Compose.Compose", first, draft => http.PostAsJsonAsync("api/messages", draft)).Result;
                    response.EnsureSuccessStatusCode();
                }

                public Message Draft
                {
                    set => DraftGuard.Default.SendAsync("Compose.Draft", value, draft => http.PutAsJsonAsync("api/drafts", draft)).Wait();
                }

                public void Send(Message message)
                {
                    lock (gate)
                    {
                        var response = DraftGuard.Default.SendAsync("Compose.Send", message, draft => http.PatchAsJsonAsync("api/messages/1", draft)).GetAwaiter().GetResult();
                        response.EnsureSuccessStatusCode();
                    }
                }
            }
            """);
    }

    /// <summary>The diagnostics are reported (as the markup says) but no fix is offered for them.</summary>
    private static Task NoCodeFixAsync(string source) => Verify.VerifyCodeFixAsync(source, source);
}
