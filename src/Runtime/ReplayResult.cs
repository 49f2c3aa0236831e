using System;
using System.Net;

namespace SessionSafety;

/// <summary>The result of replaying one parked request.</summary>
public sealed class ReplayResult
{
    internal ReplayResult(ParkedRequest request, ReplayOutcome outcome, HttpStatusCode? statusCode, Exception? exception)
    {
        Request = request;
        Outcome = outcome;
        StatusCode = statusCode;
        Exception = exception;
    }

    /// <summary>The request that was replayed.</summary>
    public ParkedRequest Request { get; }

    /// <summary>What happened.</summary>
    public ReplayOutcome Outcome { get; }

    /// <summary>The server's status, when it answered.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Why it could not be sent, for <see cref="ReplayOutcome.Failed"/>.</summary>
    public Exception? Exception { get; }
}
