using System.Collections.Concurrent;

namespace SessionSafety.Wasm.Host;

/// <summary>A message the server accepted.</summary>
public sealed record ReceivedMessage(string User, string Body, DateTimeOffset ReceivedAt);

/// <summary>What the server received: the sample's stand-in for a database.</summary>
public sealed class MessageLog
{
    private readonly ConcurrentQueue<ReceivedMessage> messages = new();

    public void Add(ReceivedMessage message) => messages.Enqueue(message);

    public IEnumerable<ReceivedMessage> Of(string user) => messages.Where(m => m.User == user);

    public IReadOnlyList<ReceivedMessage> All => messages.ToArray();
}
