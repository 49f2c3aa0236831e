using Microsoft.CodeAnalysis;

namespace SessionSafety.Analyzers.Internal;

/// <summary>The HTTP types the rules need, resolved once per compilation.</summary>
internal sealed class HttpTypes
{
    private HttpTypes(Compilation compilation, INamedTypeSymbol httpClient)
    {
        HttpClient = httpClient;
        HttpClientJsonExtensions = compilation.FindType(KnownTypes.HttpClientJsonExtensions);
        HttpMethod = compilation.FindType(KnownTypes.HttpMethod);
        HttpRequestMessage = compilation.FindType(KnownTypes.HttpRequestMessage);
        HttpStatusCode = compilation.FindType(KnownTypes.HttpStatusCode);
        DelegatingHandler = compilation.FindType(KnownTypes.DelegatingHandler);
        AccessTokenNotAvailableException = compilation.FindType(KnownTypes.AccessTokenNotAvailableException);
        SessionRecoveryHandler = compilation.FindType(KnownTypes.SessionRecoveryHandler);
        SessionSafetyHttpClientBuilderExtensions = compilation.FindType(KnownTypes.SessionSafetyHttpClientBuilderExtensions);
        HttpClientFactoryServiceCollectionExtensions = compilation.FindType(KnownTypes.HttpClientFactoryServiceCollectionExtensions);
    }

    public INamedTypeSymbol HttpClient { get; }

    public INamedTypeSymbol? HttpClientJsonExtensions { get; }

    public INamedTypeSymbol? HttpMethod { get; }

    public INamedTypeSymbol? HttpRequestMessage { get; }

    public INamedTypeSymbol? HttpStatusCode { get; }

    public INamedTypeSymbol? DelegatingHandler { get; }

    public INamedTypeSymbol? AccessTokenNotAvailableException { get; }

    public INamedTypeSymbol? SessionRecoveryHandler { get; }

    public INamedTypeSymbol? SessionSafetyHttpClientBuilderExtensions { get; }

    public INamedTypeSymbol? HttpClientFactoryServiceCollectionExtensions { get; }

    /// <summary>The types, or <see langword="null"/> when the compilation has no HttpClient.</summary>
    public static HttpTypes? Create(Compilation compilation) =>
        compilation.FindType(KnownTypes.HttpClient) is { } httpClient ? new HttpTypes(compilation, httpClient) : null;
}
