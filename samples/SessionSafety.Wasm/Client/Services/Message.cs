namespace SessionSafety.Wasm.Client.Services;

/// <summary>What the compose pages send.</summary>
public sealed record Message(string Body);
