using System;
using System.Net;
using Microsoft.Extensions.Logging;

namespace SessionSafety.Internal;

/// <summary>
/// Every message SessionSafety logs. Arguments are keys, paths, counts, status codes and reasons —
/// never the content of a draft or of a request, which is the user's text.
/// </summary>
internal static class Log
{
    private static readonly Action<ILogger, string, int, Exception?> DraftSavedMessage =
        LoggerMessage.Define<string, int>(LogLevel.Debug, new EventId(1, "DraftSaved"), "Draft '{DraftKey}' saved ({Characters} characters)");

    private static readonly Action<ILogger, string, Exception?> DraftUnchangedMessage =
        LoggerMessage.Define<string>(LogLevel.Debug, new EventId(2, "DraftUnchanged"), "Draft '{DraftKey}' unchanged; not rewritten");

    private static readonly Action<ILogger, string, string, string, Exception?> DraftCorruptMessage =
        LoggerMessage.Define<string, string, string>(LogLevel.Warning, new EventId(3, "DraftCorrupt"), "Draft '{DraftKey}' could not be read ({Reason}); set aside as '{SetAsidePath}'");

    private static readonly Action<ILogger, string, Exception?> DraftExpiredMessage =
        LoggerMessage.Define<string>(LogLevel.Debug, new EventId(4, "DraftExpired"), "Draft '{DraftKey}' expired and was removed");

    private static readonly Action<ILogger, string, string, Exception?> StoreFailedMessage =
        LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(5, "DraftStoreFailed"), "Draft store could not {Operation} draft '{DraftKey}'");

    private static readonly Action<ILogger, string, string, Exception?> DraftNotStoredMessage =
        LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(7, "DraftNotStored"), "Draft '{DraftKey}' was not stored: {Reason}");

    private static readonly Action<ILogger, string, string, Exception?> StoreRefusedMessage =
        LoggerMessage.Define<string, string>(LogLevel.Error, new EventId(8, "DraftStoreRefused"), "Draft store refuses its location {Location}: {Reason}");

    private static readonly Action<ILogger, int, Exception?> DraftsClearedMessage =
        LoggerMessage.Define<int>(LogLevel.Information, new EventId(9, "DraftsCleared"), "{Count} stored draft entries cleared");

    private static readonly Action<ILogger, string, Exception?> DraftDiscardedSignedOutMessage =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(18, "DraftDiscardedSignedOut"), "Draft '{DraftKey}' discarded: its user signed out (it was typed before their drafts were cleared)");

    private static readonly Action<ILogger, Exception?> NoSignedInUserMessage =
        LoggerMessage.Define(LogLevel.Information, new EventId(15, "NoSignedInUser"), "No signed-in user in this scope: its drafts are kept in memory for the scope only (set SessionSafetyOptions.UserId to name the user)");

    private static readonly Action<ILogger, string, Exception?> DraftRemovedMessage =
        LoggerMessage.Define<string>(LogLevel.Debug, new EventId(6, "DraftRemoved"), "Draft '{DraftKey}' removed");

    private static readonly Action<ILogger, string, int, Uri?, Exception?> SessionExpiredMessage =
        LoggerMessage.Define<string, int, Uri?>(LogLevel.Information, new EventId(10, "SessionExpired"), "Save '{DraftKey}' met an expired session ({StatusCode}) at {RequestUri}; the draft is kept");

    private static readonly Action<ILogger, string, int, Uri?, Exception?> SessionExpiredDraftLostMessage =
        LoggerMessage.Define<string, int, Uri?>(LogLevel.Warning, new EventId(14, "SessionExpiredDraftNotKept"), "Save '{DraftKey}' met an expired session ({StatusCode}) at {RequestUri}; the store could not keep the draft");

    private static readonly Action<ILogger, string, Uri?, Exception?> RedirectedToLoginMessage =
        LoggerMessage.Define<string, Uri?>(LogLevel.Information, new EventId(11, "RedirectedToLogin"), "Save '{DraftKey}' was redirected to the login page {FinalUri}; reported as 401");

    private static readonly Action<ILogger, string, Exception?> SendFailedMessage =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(12, "SaveFailed"), "Save '{DraftKey}' failed; the draft is kept");

    private static readonly Action<ILogger, string, int, Exception?> SaveRejectedMessage =
        LoggerMessage.Define<string, int>(LogLevel.Information, new EventId(13, "SaveRejected"), "Save '{DraftKey}' was answered {StatusCode}; the draft is kept");

    private static readonly Action<ILogger, string, Exception?> RedirectsInvisibleMessage =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(16, "RedirectsInvisible"), "Save '{DraftKey}' went through a client without SessionSafety's recovery handler: in the browser, a redirect to the login page looks like this success. Send guarded saves through a client with AddSessionRecovery, or have the server answer 401 to script calls (SESS004)");

    private static readonly Action<ILogger, string, Uri?, Exception?> RedirectedAwayMessage =
        LoggerMessage.Define<string, Uri?>(LogLevel.Warning, new EventId(17, "RedirectedAway"), "Save '{DraftKey}' was redirected and answered as a GET of {FinalUri}; it did not demonstrably arrive, the draft is kept");

    private static readonly Action<ILogger, int, Uri?, Exception?> RenewalStartedMessage =
        LoggerMessage.Define<int, Uri?>(LogLevel.Information, new EventId(20, "RenewalStarted"), "Session renewal started after {StatusCode} from {RequestUri}");

    private static readonly Action<ILogger, bool, Exception?> RenewalFinishedMessage =
        LoggerMessage.Define<bool>(LogLevel.Information, new EventId(21, "RenewalFinished"), "Session renewal finished; renewed: {Renewed}");

    private static readonly Action<ILogger, Guid, string, Uri?, int, Exception?> RequestParkedMessage =
        LoggerMessage.Define<Guid, string, Uri?, int>(LogLevel.Warning, new EventId(22, "RequestParked"), "Request {ParkedId} ({Method} {RequestUri}) parked after {StatusCode}; replay it after sign-in");

    private static readonly Action<ILogger, Guid, string, Exception?> ReplayedMessage =
        LoggerMessage.Define<Guid, string>(LogLevel.Information, new EventId(23, "RequestReplayed"), "Parked request {ParkedId} replayed: {Outcome}");

    private static readonly Action<ILogger, string, Uri?, string, Exception?> ParkingRefusedMessage =
        LoggerMessage.Define<string, Uri?, string>(LogLevel.Warning, new EventId(24, "ParkingRefused"), "Request {Method} {RequestUri} met an expired session and was not parked: {Reason}");

    private static readonly Action<ILogger, Guid, string, Uri?, Exception?> ParkedRequestExpiredMessage =
        LoggerMessage.Define<Guid, string, Uri?>(LogLevel.Warning, new EventId(25, "ParkedRequestExpired"), "Parked request {ParkedId} ({Method} {RequestUri}) was not replayed in time and was dropped");

    private static readonly Action<ILogger, string, Exception?> AutosaveFailedMessage =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(30, "AutosaveFailed"), "Autosave of draft '{DraftKey}' failed; it is retried on the next change or flush");

    private static readonly Action<ILogger, DateTimeOffset, Exception?> ExpiringMessage =
        LoggerMessage.Define<DateTimeOffset>(LogLevel.Information, new EventId(40, "SessionExpiring"), "Session expires at {ExpiresAt}");

    private static readonly Action<ILogger, DateTimeOffset, Exception?> ExpiredMessage =
        LoggerMessage.Define<DateTimeOffset>(LogLevel.Information, new EventId(41, "SessionExpiredByMonitor"), "Session expired at {ExpiresAt}");

    private static readonly Action<ILogger, string, Exception?> HandlerFailedMessage =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(50, "EventHandlerFailed"), "A {EventName} event handler threw; SessionSafety carried on");

    public static void DraftSaved(ILogger? logger, string key, int characters)
    {
        if (logger is not null) DraftSavedMessage(logger, key, characters, null);
    }

    public static void DraftUnchanged(ILogger? logger, string key)
    {
        if (logger is not null) DraftUnchangedMessage(logger, key, null);
    }

    public static void DraftCorrupt(ILogger? logger, string? key, string reason, string? setAsidePath)
    {
        if (logger is not null) DraftCorruptMessage(logger, key ?? "(unknown)", reason, setAsidePath ?? "(could not move)", null);
    }

    public static void DraftExpired(ILogger? logger, string key)
    {
        if (logger is not null) DraftExpiredMessage(logger, key, null);
    }

    public static void DraftNotStored(ILogger? logger, string key, string reason, Exception? exception)
    {
        if (logger is not null) DraftNotStoredMessage(logger, key, reason, exception is null ? null : Sanitize(exception));
    }

    public static void StoreRefused(ILogger? logger, string location, string reason)
    {
        if (logger is not null) StoreRefusedMessage(logger, location, reason, null);
    }

    public static void DraftsCleared(ILogger? logger, int count)
    {
        if (logger is not null) DraftsClearedMessage(logger, count, null);
    }

    public static void DraftDiscardedSignedOut(ILogger? logger, string key)
    {
        if (logger is not null) DraftDiscardedSignedOutMessage(logger, key, null);
    }

    public static void NoSignedInUser(ILogger? logger)
    {
        if (logger is not null) NoSignedInUserMessage(logger, null);
    }

    public static void DraftRemoved(ILogger? logger, string key)
    {
        if (logger is not null) DraftRemovedMessage(logger, key, null);
    }

    public static void StoreFailed(ILogger? logger, string operation, string? key, Exception exception)
    {
        if (logger is not null) StoreFailedMessage(logger, operation, key ?? "(all)", Sanitize(exception));
    }

    public static void SessionExpired(ILogger? logger, string key, HttpStatusCode status, Uri? uri, bool kept)
    {
        if (logger is null)
        {
            return;
        }

        if (kept)
        {
            SessionExpiredMessage(logger, key, (int)status, Redact(uri), null);
        }
        else
        {
            SessionExpiredDraftLostMessage(logger, key, (int)status, Redact(uri), null);
        }
    }

    public static void RedirectedToLogin(ILogger? logger, string key, Uri? uri)
    {
        if (logger is not null) RedirectedToLoginMessage(logger, key, Redact(uri), null);
    }

    public static void SendFailed(ILogger? logger, string key, Exception exception)
    {
        if (logger is not null) SendFailedMessage(logger, key, Sanitize(exception));
    }

    public static void RedirectsInvisible(ILogger? logger, string key)
    {
        if (logger is not null) RedirectsInvisibleMessage(logger, key, null);
    }

    public static void RedirectedAway(ILogger? logger, string key, Uri? uri)
    {
        if (logger is not null) RedirectedAwayMessage(logger, key, Redact(uri), null);
    }

    public static void SaveRejected(ILogger? logger, string key, HttpStatusCode status)
    {
        if (logger is not null) SaveRejectedMessage(logger, key, (int)status, null);
    }

    public static void RenewalStarted(ILogger? logger, HttpStatusCode status, Uri? uri)
    {
        if (logger is not null) RenewalStartedMessage(logger, (int)status, Redact(uri), null);
    }

    public static void RenewalFinished(ILogger? logger, bool renewed, Exception? exception)
    {
        if (logger is not null) RenewalFinishedMessage(logger, renewed, exception is null ? null : Sanitize(exception));
    }

    public static void RequestParked(ILogger? logger, Guid id, string method, Uri? uri, HttpStatusCode status)
    {
        if (logger is not null) RequestParkedMessage(logger, id, method, Redact(uri), (int)status, null);
    }

    public static void Replayed(ILogger? logger, Guid id, string outcome, Exception? exception)
    {
        if (logger is not null) ReplayedMessage(logger, id, outcome, exception is null ? null : Sanitize(exception));
    }

    public static void ParkingRefused(ILogger? logger, string method, Uri? uri, string reason)
    {
        if (logger is not null) ParkingRefusedMessage(logger, method, Redact(uri), reason, null);
    }

    public static void ParkedRequestExpired(ILogger? logger, Guid id, string method, Uri? uri)
    {
        if (logger is not null) ParkedRequestExpiredMessage(logger, id, method, Redact(uri), null);
    }

    public static void AutosaveFailed(ILogger? logger, string key, Exception exception)
    {
        if (logger is not null) AutosaveFailedMessage(logger, key, Sanitize(exception));
    }

    public static void Expiring(ILogger? logger, DateTimeOffset expiresAt)
    {
        if (logger is not null) ExpiringMessage(logger, expiresAt, null);
    }

    public static void Expired(ILogger? logger, DateTimeOffset expiresAt)
    {
        if (logger is not null) ExpiredMessage(logger, expiresAt, null);
    }

    public static void HandlerFailed(ILogger? logger, string eventName, Exception exception)
    {
        if (logger is not null) HandlerFailedMessage(logger, eventName, Sanitize(exception));
    }

    /// <summary>Query strings can carry tokens and user information a password: logs get scheme, host and path only.</summary>
    private static Uri? Redact(Uri? uri) => Credentials.ForLog(uri);

    /// <summary>
    /// Exceptions thrown around a user's data (a JSON error, an app's callback) may quote that data
    /// in their message; the log gets the exception's type and a neutral message instead.
    /// </summary>
    private static Exception Sanitize(Exception exception) => exception switch
    {
        System.IO.IOException or UnauthorizedAccessException or System.Net.Http.HttpRequestException
            or OperationCanceledException or TimeoutException => exception,
        _ => new RedactedException(exception),
    };
}
