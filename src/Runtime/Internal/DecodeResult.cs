using System;

namespace SessionSafety.Internal;

/// <summary>A decoded draft file, or why it could not be decoded.</summary>
internal readonly struct DecodeResult
{
    private DecodeResult(string? key, string? content, DateTimeOffset savedAt, byte[]? contentHash, DraftProblemKind problem, string? reason)
    {
        Key = key;
        Content = content;
        SavedAt = savedAt;
        ContentHash = contentHash;
        Problem = problem;
        Reason = reason;
    }

    public bool Success => Reason is null;

    public string? Key { get; }

    public string? Content { get; }

    public DateTimeOffset SavedAt { get; }

    public byte[]? ContentHash { get; }

    public DraftProblemKind Problem { get; }

    public string? Reason { get; }

    public static DecodeResult Ok(string key, string content, DateTimeOffset savedAt, byte[] contentHash) => new(key, content, savedAt, contentHash, default, null);

    public static DecodeResult Fail(DraftProblemKind problem, string reason) => new(null, null, default, null, problem, reason);
}
