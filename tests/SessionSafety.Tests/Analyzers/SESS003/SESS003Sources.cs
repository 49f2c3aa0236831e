using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis;
using SessionSafety.CodeFixes;
using SessionSafety.Tests.Verifiers;


namespace SessionSafety.Tests.Analyzers.SESS003;

/// <summary>Sources and helpers that the SESS003 analyzer and fix tests share.</summary>
internal static class SESS003Sources
{
    internal const string Usings = """
        using System;
        using Microsoft.AspNetCore.Antiforgery;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Authentication.Cookies;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;
        """;
}
