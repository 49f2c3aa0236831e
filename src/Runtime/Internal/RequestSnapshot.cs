using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace SessionSafety.Internal;

/// <summary>
/// A request as the caller sent it, taken before anything below can rewrite it. The redirect handling
/// of .NET's handlers changes the request in place (a POST redirected to the login page becomes a GET
/// without content), so a retry or a parked copy made from the request after the send would be the
/// rewritten one: they are made from this snapshot instead.
/// </summary>
internal sealed class RequestSnapshot
{
    private readonly HttpContent? content;
    private readonly KeyValuePair<string, object?>[] options;

    private RequestSnapshot(HttpRequestMessage request)
    {
        Method = request.Method;
        RequestUri = request.RequestUri;
        Version = request.Version;
#if NET8_0_OR_GREATER
        VersionPolicy = request.VersionPolicy;
        options = request.Options.ToArray();
#else
        options = request.Properties.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)).ToArray();
#endif
        Headers = request.Headers.Select(h => new KeyValuePair<string, string[]>(h.Key, h.Value.ToArray())).ToArray();
        content = request.Content;
        ContentHeaders = content is null
            ? Array.Empty<KeyValuePair<string, string[]>>()
            : content.Headers.Select(h => new KeyValuePair<string, string[]>(h.Key, h.Value.ToArray())).ToArray();
    }

    public HttpMethod Method { get; }

    public Uri? RequestUri { get; }

    public Version Version { get; }

#if NET8_0_OR_GREATER
    public HttpVersionPolicy VersionPolicy { get; }
#endif

    /// <summary>Every request header the caller set (credentials included: the retry needs what the renewer does not replace).</summary>
    public KeyValuePair<string, string[]>[] Headers { get; }

    public bool HasContent => content is not null;

    public KeyValuePair<string, string[]>[] ContentHeaders { get; }

    /// <summary>Takes the snapshot; the request's content must already be buffered, so that it can be read again.</summary>
    public static RequestSnapshot Capture(HttpRequestMessage request) => new(request);

    /// <summary>The content's bytes, read from the caller's buffered content (which the redirect handling only detached).</summary>
    public async Task<byte[]?> ReadContentAsync() =>
        content is null ? null : await content.ReadAsByteArrayAsync().ConfigureAwait(false);

    /// <summary>A new request equal to the original: method, URI, version, headers, options and content.</summary>
    public async Task<HttpRequestMessage> CreateRequestAsync()
    {
        var request = new HttpRequestMessage(Method, RequestUri) { Version = Version };
#if NET8_0_OR_GREATER
        request.VersionPolicy = VersionPolicy;
        foreach (var option in options)
        {
            ((IDictionary<string, object?>)request.Options)[option.Key] = option.Value;
        }
#else
        foreach (var option in options)
        {
            request.Properties[option.Key] = option.Value!;
        }
#endif
        foreach (var header in Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (await ReadContentAsync().ConfigureAwait(false) is { } bytes)
        {
            var copy = new ByteArrayContent(bytes);
            foreach (var header in ContentHeaders)
            {
                if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            request.Content = copy;
        }

        return request;
    }
}
