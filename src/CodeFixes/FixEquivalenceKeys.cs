namespace SessionSafety.CodeFixes;

/// <summary>The equivalence keys of every code action, public so tests and Fix All can name them.</summary>
public static class FixEquivalenceKeys
{
    public const string KeepDraftUntilSaveSucceeds = "SESS001.KeepDraftUntilSaveSucceeds";
    public const string StoreDraftBeforeRedirect = "SESS002.StoreDraftBeforeRedirect";
    public const string AnswerUnauthorizedToNonNavigations = "SESS002.AnswerUnauthorizedToNonNavigations";
    public const string ReadLifetimeFromConfiguration = "SESS003.ReadLifetimeFromConfiguration";
    public const string RaiseLifetimeToMinimum = "SESS003.RaiseLifetimeToMinimum";
    public const string AnswerApiCallsWith401 = "SESS004.AnswerApiCallsWith401";
}
