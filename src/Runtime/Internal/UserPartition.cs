namespace SessionSafety.Internal;

/// <summary>The signed-in user of one DI scope (a request, a circuit), found once when the scope first needs it.</summary>
internal sealed class UserPartition
{
    public static readonly UserPartition Nobody = new(null);

    public UserPartition(string? userId) => UserId = userId;

    /// <summary>The user's id, or <see langword="null"/> when nobody is signed in (or the app is not per user).</summary>
    public string? UserId { get; }

    /// <summary>The folder of the user's drafts under <paramref name="root"/>, named by a hash of the id (an id may be an e-mail address, or hold a path).</summary>
    public static string FolderFor(string root, string userId) =>
        System.IO.Path.Combine(root, "users", Bytes.ToHex(Bytes.Sha256(Bytes.Utf16(userId))));
}
