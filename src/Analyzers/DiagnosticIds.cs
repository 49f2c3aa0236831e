namespace SessionSafety.Analyzers;

/// <summary>The rule IDs, in one place so that a grep for an ID finds the rule's whole story.</summary>
public static class DiagnosticIds
{
    public const string InvalidOption = "SESS000";
    public const string SaveWithoutSessionHandling = "SESS001";
    public const string LoginRedirectDiscardsInput = "SESS002";
    public const string HardCodedShortLifetime = "SESS003";
    public const string CookieRedirectsApiCalls = "SESS004";
}
