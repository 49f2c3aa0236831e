using Microsoft.CodeAnalysis;

namespace SessionSafety.Analyzers.Internal;

/// <summary>The HTTP types the rules need, resolved once per compilation.</summary>
internal sealed class HttpTypes
{
    private HttpTypes(Compilation compilation, INamedTypeSymbol httpClient)
    {
        HttpClient = httpClient;
        HttpClientJsonExtensions = compilation.GetTypeByMetadataName(KnownTypes.HttpClientJsonExtensions);
        HttpMethod = compilation.GetTypeByMetadataName(KnownTypes.HttpMethod);
        HttpRequestMessage = compilation.GetTypeByMetadataName(KnownTypes.HttpRequestMessage);
        HttpResponseMessage = compilation.GetTypeByMetadataName(KnownTypes.HttpResponseMessage);
        HttpStatusCode = compilation.GetTypeByMetadataName(KnownTypes.HttpStatusCode);
        HttpRequestException = compilation.GetTypeByMetadataName(KnownTypes.HttpRequestException);
        DelegatingHandler = compilation.GetTypeByMetadataName(KnownTypes.DelegatingHandler);
        AccessTokenNotAvailableException = compilation.GetTypeByMetadataName(KnownTypes.AccessTokenNotAvailableException);
        DraftGuard = compilation.GetTypeByMetadataName(KnownTypes.DraftGuard);
        SessionRecoveryHandler = compilation.GetTypeByMetadataName(KnownTypes.SessionRecoveryHandler);
        SessionSafetyHttpClientBuilderExtensions = compilation.GetTypeByMetadataName(KnownTypes.SessionSafetyHttpClientBuilderExtensions);
        HttpClientFactoryServiceCollectionExtensions = compilation.GetTypeByMetadataName(KnownTypes.HttpClientFactoryServiceCollectionExtensions);
        HttpClientBuilderExtensions = compilation.GetTypeByMetadataName(KnownTypes.HttpClientBuilderExtensions);
        IHttpClientFactory = compilation.GetTypeByMetadataName(KnownTypes.IHttpClientFactory);
    }

    public INamedTypeSymbol HttpClient { get; }

    public INamedTypeSymbol? HttpClientJsonExtensions { get; }

    public INamedTypeSymbol? HttpMethod { get; }

    public INamedTypeSymbol? HttpRequestMessage { get; }

    public INamedTypeSymbol? HttpResponseMessage { get; }

    public INamedTypeSymbol? HttpStatusCode { get; }

    public INamedTypeSymbol? HttpRequestException { get; }

    public INamedTypeSymbol? DelegatingHandler { get; }

    public INamedTypeSymbol? AccessTokenNotAvailableException { get; }

    /// <summary>The runtime helper's guard, when the project references the runtime.</summary>
    public INamedTypeSymbol? DraftGuard { get; }

    public INamedTypeSymbol? SessionRecoveryHandler { get; }

    public INamedTypeSymbol? SessionSafetyHttpClientBuilderExtensions { get; }

    public INamedTypeSymbol? HttpClientFactoryServiceCollectionExtensions { get; }

    public INamedTypeSymbol? HttpClientBuilderExtensions { get; }

    public INamedTypeSymbol? IHttpClientFactory { get; }

    /// <summary>The types, or <see langword="null"/> when the compilation has no HttpClient.</summary>
    public static HttpTypes? Create(Compilation compilation) =>
        compilation.GetTypeByMetadataName(KnownTypes.HttpClient) is { } httpClient ? new HttpTypes(compilation, httpClient) : null;
}
