using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;

namespace SessionSafety;

/// <summary>
/// A request that met an expired session and could not be recovered, kept to be replayed after the
/// user signs in again. It holds the method, the URI, the content and the content headers — never the
/// request's own headers, so no <c>Authorization</c>, <c>Cookie</c> or CSRF token is kept: fresh ones are
/// put on at replay.
/// </summary>
public sealed class ParkedRequest
{
    private static readonly HashSet<string> CredentialHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Cookie2", "Set-Cookie",
        "X-CSRF-Token", "X-XSRF-Token", "X-CSRFToken", "RequestVerificationToken",
    };

    private readonly byte[] content;

    internal ParkedRequest(Guid id, HttpMethod method, Uri requestUri, byte[]? content, IEnumerable<KeyValuePair<string, IEnumerable<string>>> contentHeaders, HttpStatusCode statusCode, DateTimeOffset parkedAt, string? draftKey, IDraftStore? draftStore)
    {
        Id = id;
        Method = method.Method;
        RequestUri = WithoutUserInfo(requestUri);
        this.content = content ?? Array.Empty<byte>();
        HasContent = content is not null;
        ContentHeaders = contentHeaders
            .Where(h => !CredentialHeaders.Contains(h.Key) && !string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => new KeyValuePair<string, IReadOnlyList<string>>(h.Key, h.Value.ToArray()))
            .ToArray();
        StatusCode = statusCode;
        ParkedAt = parkedAt;
        DraftKey = draftKey;
        DraftStore = draftStore;
    }

    /// <summary>Identifies the request across parking, replay and re-parking.</summary>
    public Guid Id { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The request URI, without any user information.</summary>
    public Uri RequestUri { get; }

    /// <summary>Whether the request had content.</summary>
    public bool HasContent { get; }

    /// <summary>The content headers (<c>Content-Type</c> and the like).</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> ContentHeaders { get; }

    /// <summary>The status that made it park: 401 or 403.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>When it was parked.</summary>
    public DateTimeOffset ParkedAt { get; }

    /// <summary>The draft a <see cref="DraftGuard"/> keeps for it, removed when the replay succeeds.</summary>
    public string? DraftKey { get; }

    internal IDraftStore? DraftStore { get; }

    /// <summary>A copy of the content bytes.</summary>
    public byte[] GetContent() => (byte[])content.Clone();

    /// <summary>A fresh request with this method, URI, content and content headers, and no credentials.</summary>
    public HttpRequestMessage CreateRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), RequestUri);
        if (HasContent)
        {
            var body = new ByteArrayContent(content);
            foreach (var header in ContentHeaders)
            {
                body.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Content = body;
        }

        return request;
    }

    internal ParkedRequest Repark(HttpStatusCode statusCode, DateTimeOffset parkedAt) =>
        new(Id, new HttpMethod(Method), RequestUri, HasContent ? content : null, ContentHeaders.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Key, h.Value)), statusCode, parkedAt, DraftKey, DraftStore);

    private static Uri WithoutUserInfo(Uri uri)
    {
        if (!uri.IsAbsoluteUri || string.IsNullOrEmpty(uri.UserInfo))
        {
            return uri;
        }

        return new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri;
    }
}
