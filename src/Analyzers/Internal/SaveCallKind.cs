using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionSafety.Analyzers.Internal;

/// <summary>What kind of save call an invocation is.</summary>
internal enum SaveCallKind
{
    /// <summary><c>HttpClient.PostAsync/PutAsync/PatchAsync(uri, content, …)</c>: the payload is the content.</summary>
    Content,

    /// <summary><c>PostAsJsonAsync/PutAsJsonAsync/PatchAsJsonAsync(client, uri, value, …)</c>: the payload is the value.</summary>
    Json,

    /// <summary><c>HttpClient.Send/SendAsync(request, …)</c> with a POST/PUT/PATCH request: the payload is the request.</summary>
    Request,
}
