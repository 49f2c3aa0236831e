using System.Linq;
using System.Threading.Tasks;


namespace SessionSafety.Tests.Analyzers.SESS001;

/// <summary>Sources and helpers that the SESS001 analyzer and fix tests share.</summary>
internal static class SESS001Sources
{
    internal const string Usings = """
        using System;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    internal static string InMethod(string body, string members = "") => Usings + $$"""
        public record Message(string Text);

        public class Compose
        {
            private readonly HttpClient http = new HttpClient();

            public async Task SendAsync(Message message, string text, HttpContent content)
            {
        {{body}}
            }
        {{members}}
        }
        """;
}
