using System.Threading;
using System.Threading.Tasks;

namespace SessionSafety.Internal;

/// <summary>
/// A store whose drafts belong to an owner that changes while pages live (the browser store: the user
/// signed in at this browser). Autosave takes the owner when a value is typed and saves it for that owner,
/// so that a value typed before a sign-out is never written back after the signed-out user's drafts were
/// cleared, and never lands among the next user's drafts.
/// </summary>
internal interface IOwnedDraftStore : IReportingDraftStore
{
    /// <summary>Who owns a value typed now; compared by reference, never null.</summary>
    object CurrentOwner { get; }

    /// <summary>Whether the owner's drafts were cleared (the user signed out) since the owner was taken: what it holds must not be stored.</summary>
    bool IsSignedOut(object owner);

    /// <summary>Stores the draft for <paramref name="owner"/> synchronously; false when it was not kept (signed out, or the store reported why).</summary>
    bool TrySave(object owner, string key, string content);

    /// <summary>Stores the draft for <paramref name="owner"/>; false when it was not kept (signed out, or the store reported why).</summary>
    ValueTask<bool> TrySaveAsync(object owner, string key, string content, CancellationToken cancellationToken);
}
