namespace SessionSafety.Analyzers.Rules.SESS004;

/// <summary>SESS004: one statement of which scheme challenges by default (an assignment, an <c>AddAuthentication</c> argument, what Identity sets).</summary>
internal sealed class SchemeDefault
{
    public SchemeDefault(bool challenge, bool known, string? value, bool implicitly)
    {
        Challenge = challenge;
        Known = known;
        Value = value;
        Implicitly = implicitly;
    }

    /// <summary><c>DefaultChallengeScheme</c>; otherwise <c>DefaultScheme</c>.</summary>
    public bool Challenge { get; }

    /// <summary>Whether the value could be read (constant text, an <c>IdentityConstants</c> field, null).</summary>
    public bool Known { get; }

    /// <summary>The scheme; null for an assignment of null (fall back to the next level).</summary>
    public string? Value { get; }

    /// <summary>Set by <c>AddIdentity</c>/<c>AddDefaultIdentity</c>, not written in the app's code: the app's own settings win.</summary>
    public bool Implicitly { get; }
}
