using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>
/// A request that met an expired session and could not be recovered, kept in memory to be replayed
/// after the user signs in again. It is the request as the caller sent it — method, URI, content,
/// content headers and request headers (<c>If-Match</c>, <c>Idempotency-Key</c>, the app's own) — even
/// when a redirect to the login page rewrote it on the way. Credentials are never kept: no
/// <c>Authorization</c>, <c>Cookie</c>, <c>Proxy-Authorization</c>, CSRF or API-key header (whether set
/// on the request or on its content), no user information and no <c>access_token</c> in the URI. Fresh
/// credentials are put on at replay.
/// </summary>
public sealed class ParkedRequest
{
    private readonly byte[] content;

    internal ParkedRequest(
        Guid id,
        HttpMethod method,
        Uri requestUri,
        IEnumerable<KeyValuePair<string, string[]>> headers,
        byte[]? content,
        IEnumerable<KeyValuePair<string, string[]>> contentHeaders,
        HttpStatusCode statusCode,
        DateTimeOffset parkedAt,
        GuardContext.Entry? draft,
        string? owner,
        string? idempotencyKey,
        Func<string, bool> isCredential)
    {
        Id = id;
        Method = method.Method;
        RequestUri = Credentials.WithoutCredentials(requestUri);
        this.content = content ?? Array.Empty<byte>();
        HasContent = content is not null;
        Headers = Keep(headers, isCredential);
        ContentHeaders = Keep(contentHeaders.Where(h => !string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)), isCredential);
        StatusCode = statusCode;
        ParkedAt = parkedAt;
        Draft = draft;
        Owner = owner;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>Identifies the request across parking, replay and re-parking.</summary>
    public Guid Id { get; }

    /// <summary>The HTTP method the caller sent (not the GET a redirect to the login page turned it into).</summary>
    public string Method { get; }

    /// <summary>The request URI the caller sent, without user information or an <c>access_token</c>-style parameter.</summary>
    public Uri RequestUri { get; }

    /// <summary>Whether the request had content.</summary>
    public bool HasContent { get; }

    /// <summary>The request headers that are not credentials (<c>If-Match</c>, <c>Idempotency-Key</c>, custom ones).</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Headers { get; }

    /// <summary>The content headers (<c>Content-Type</c> and the like) that are not credentials.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> ContentHeaders { get; }

    /// <summary>
    /// The <c>Idempotency-Key</c> the original request and every replay carry, so that a server that honours
    /// it processes the request at most once; <see langword="null"/> when the request had none.
    /// </summary>
    public string? IdempotencyKey { get; }

    /// <summary>The status that made it park: 401 or 403 (a redirect to the login page counts as 401).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>When it was first parked.</summary>
    public DateTimeOffset ParkedAt { get; }

    /// <summary>The draft a <see cref="DraftGuard"/> keeps for it, removed when the replay succeeds.</summary>
    public string? DraftKey => Draft?.Key;

    /// <summary>The number of content bytes kept.</summary>
    public long ContentLength => content.LongLength;

    internal GuardContext.Entry? Draft { get; }

    /// <summary>The user the request was sent for (the ambient <see cref="SessionSafetyScope"/>'s); only that user sees and replays it.</summary>
    internal string? Owner { get; }

    /// <summary>A copy of the content bytes.</summary>
    public byte[] GetContent() => (byte[])content.Clone();

    /// <summary>A fresh request with this method, URI, headers, content and content headers, and no credentials.</summary>
    public HttpRequestMessage CreateRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), RequestUri);
        foreach (var header in Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

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

    /// <summary>The same request parked again after a failed replay; it keeps its first parking time, so replays never extend its life.</summary>
    internal ParkedRequest Repark(HttpStatusCode statusCode) =>
        new(Id, new HttpMethod(Method), RequestUri, Copy(Headers), HasContent ? content : null, Copy(ContentHeaders), statusCode, ParkedAt, Draft, Owner, IdempotencyKey, _ => false);

    private static KeyValuePair<string, IReadOnlyList<string>>[] Keep(IEnumerable<KeyValuePair<string, string[]>> headers, Func<string, bool> isCredential) =>
        headers
            .Where(h => !isCredential(h.Key))
            .Select(h => new KeyValuePair<string, IReadOnlyList<string>>(h.Key, h.Value.ToArray()))
            .ToArray();

    private static IEnumerable<KeyValuePair<string, string[]>> Copy(IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> headers) =>
        headers.Select(h => new KeyValuePair<string, string[]>(h.Key, h.Value.ToArray()));
}
