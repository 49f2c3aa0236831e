using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>
/// Watches the client's idea of the session's lifetime and warns before it runs out: <see cref="Expiring"/>
/// (15 minutes ahead by default) and <see cref="Expired"/>, for a sliding or an absolute lifetime or both,
/// on a <see cref="TimeProvider"/>'s timers. Activity the server saw (<see cref="RecordActivity"/>, or the
/// handler from <see cref="CreateActivityHandler"/>) extends a sliding session. The monitor only watches:
/// it sends nothing to the server and its own timers and reads never count as activity, so it never
/// keeps a session alive that the user has left.
/// </summary>
public sealed class SessionExpiryMonitor : IDisposable
{
    private readonly object gate = new();
    private readonly SessionExpiryOptions options;
    private readonly TimeProvider time;
    private readonly ILogger? logger;
    private readonly ITimer timer;
    private readonly TimeSpan? idleTimeout;
    private readonly TimeSpan? absoluteTimeout;
    private SynchronizationContext? context;
    private SessionExpiryState state = SessionExpiryState.NotStarted;
    private DateTimeOffset signedInAt;
    private DateTimeOffset lastExtension;
    private bool disposed;

    /// <summary>Creates a monitor; call <see cref="Start()"/> when the user has signed in.</summary>
    public SessionExpiryMonitor(SessionExpiryOptions options)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.IdleTimeout is null && options.AbsoluteTimeout is null)
        {
            throw new ArgumentException("Set IdleTimeout, AbsoluteTimeout or both.", nameof(options));
        }

        if (!IsLifetime(options.IdleTimeout) || !IsLifetime(options.AbsoluteTimeout) || options.WarningLeadTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Lifetimes must be positive (or Timeout.InfiniteTimeSpan for \"never\") and the lead time not negative.");
        }

        // Infinite means "never" (the incident's -1): the same as a lifetime too long to end.
        idleTimeout = options.IdleTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : options.IdleTimeout;
        absoluteTimeout = options.AbsoluteTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : options.AbsoluteTimeout;

        time = options.TimeProvider ?? TimeProvider.System;
        logger = options.Logger;
        timer = time.CreateTimer(_ => Evaluate(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Raised once when the session enters the warning lead time (again after activity moved it out).</summary>
    public event EventHandler<SessionExpiryEventArgs>? Expiring;

    /// <summary>Raised once when the session has run out.</summary>
    public event EventHandler<SessionExpiryEventArgs>? Expired;

    /// <summary>Where the session stands now.</summary>
    public SessionExpiryState State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    /// <summary>When the session ends, or <see langword="null"/> before <see cref="Start()"/> and after <see cref="Stop"/>.</summary>
    public DateTimeOffset? ExpiresAt
    {
        get
        {
            lock (gate)
            {
                return state is SessionExpiryState.NotStarted or SessionExpiryState.Stopped ? null : ComputeExpiry();
            }
        }
    }

    /// <summary>The time left (zero once expired), or <see langword="null"/> when not started.</summary>
    public TimeSpan? Remaining
    {
        get
        {
            var expiresAt = ExpiresAt;
            if (expiresAt is null)
            {
                return null;
            }

            var left = expiresAt.Value - time.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>
    /// Starts (or restarts, after sign-in) watching a session that begins now. Events are raised on the
    /// synchronization context current here (the UI thread), or on a timer thread when there is none.
    /// </summary>
    public void Start() => Start(time.GetUtcNow());

    /// <summary>Starts watching a session that began at <paramref name="signedInAt"/>.</summary>
    public void Start(DateTimeOffset signedInAt)
    {
        lock (gate)
        {
            ThrowIfDisposed();
            context = SynchronizationContext.Current;
            this.signedInAt = signedInAt;
            lastExtension = signedInAt;
            state = SessionExpiryState.Active;
        }

        Evaluate();
    }

    /// <summary>
    /// Records that the server has just seen an authenticated request from this user, which extends a
    /// sliding session (subject to <see cref="SessionExpiryOptions.SlidingRefreshThreshold"/>). Ignored
    /// before <see cref="Start()"/> and after expiry: an expired session needs a new sign-in.
    /// </summary>
    public void RecordActivity()
    {
        lock (gate)
        {
            if (disposed || state is SessionExpiryState.NotStarted or SessionExpiryState.Stopped or SessionExpiryState.Expired || idleTimeout is not { } idle)
            {
                return;
            }

            var now = time.GetUtcNow();
            if (now >= ComputeExpiry())
            {
                return;
            }

            if (now - lastExtension < Share(idle, options.SlidingRefreshThreshold))
            {
                return;
            }

            lastExtension = now;
        }

        Evaluate();
    }

    /// <summary>Stops watching (the user signed out).</summary>
    public void Stop()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            state = SessionExpiryState.Stopped;
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// A handler for the app's <see cref="HttpClient"/> that records activity for each response that shows
    /// the server accepted the session (anything but 401, 403 and a redirect to the login page).
    /// </summary>
    public DelegatingHandler CreateActivityHandler() => new ActivityHandler(this);

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            timer.Dispose();
        }
    }

    /// <summary>A lifetime: positive, or infinite; <see langword="null"/> (not set) passes too.</summary>
    private static bool IsLifetime(TimeSpan? lifetime) => lifetime is not { } value || value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan;

    /// <summary>The end of a lifetime, or <see cref="DateTimeOffset.MaxValue"/> for one that ends after the calendar does ("never").</summary>
    private static DateTimeOffset End(DateTimeOffset start, TimeSpan lifetime) =>
        lifetime >= DateTimeOffset.MaxValue - start ? DateTimeOffset.MaxValue : start + lifetime;

    private static TimeSpan Share(TimeSpan lifetime, double share)
    {
        var ticks = lifetime.Ticks * share;
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
    }

    private DateTimeOffset ComputeExpiry()
    {
        var expiry = DateTimeOffset.MaxValue;
        if (idleTimeout is { } idle)
        {
            expiry = End(lastExtension, idle);
        }

        if (absoluteTimeout is { } absolute && End(signedInAt, absolute) < expiry)
        {
            expiry = End(signedInAt, absolute);
        }

        return expiry;
    }

    private void Evaluate()
    {
        EventHandler<SessionExpiryEventArgs>? raise = null;
        SessionExpiryEventArgs? args = null;
        lock (gate)
        {
            if (disposed || state is SessionExpiryState.NotStarted or SessionExpiryState.Stopped or SessionExpiryState.Expired)
            {
                return;
            }

            var now = time.GetUtcNow();
            var expiresAt = ComputeExpiry();
            var warnAt = options.WarningLeadTime >= expiresAt - DateTimeOffset.MinValue ? DateTimeOffset.MinValue : expiresAt - options.WarningLeadTime;
            if (now >= expiresAt)
            {
                state = SessionExpiryState.Expired;
                timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                Log.Expired(logger, expiresAt);
                raise = Expired;
                args = new SessionExpiryEventArgs(expiresAt, TimeSpan.Zero);
            }
            else if (now >= warnAt)
            {
                if (state != SessionExpiryState.Expiring)
                {
                    state = SessionExpiryState.Expiring;
                    Log.Expiring(logger, expiresAt);
                    raise = Expiring;
                    args = new SessionExpiryEventArgs(expiresAt, expiresAt - now);
                }

                timer.Change(Clamp(expiresAt - now), Timeout.InfiniteTimeSpan);
            }
            else
            {
                state = SessionExpiryState.Active;
                timer.Change(Clamp(warnAt - now), Timeout.InfiniteTimeSpan);
            }
        }

        if (raise is not null)
        {
            Raise(raise, args!);
        }
    }

    private void Raise(EventHandler<SessionExpiryEventArgs> handler, SessionExpiryEventArgs args)
    {
        void Invoke()
        {
            try
            {
                handler(this, args);
            }
            catch (Exception exception)
            {
                Log.HandlerFailed(logger, "session expiry", exception);
            }
        }

        var target = context;
        if (target is null || target == SynchronizationContext.Current)
        {
            Invoke();
        }
        else
        {
            target.Post(_ => Invoke(), null);
        }
    }

    /// <summary>Timers take at most about 49 days; a 400-day session is re-evaluated daily until it is near.</summary>
    private static TimeSpan Clamp(TimeSpan due) => due > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : due;

    private void ThrowIfDisposed()
    {
        if (disposed)
        {
            throw new ObjectDisposedException(nameof(SessionExpiryMonitor));
        }
    }

    private sealed class ActivityHandler : DelegatingHandler
    {
        private static readonly string[][] LoginPaths = LoginPage.Parse(DraftGuardOptions.DefaultLoginPaths);
        private readonly SessionExpiryMonitor monitor;

        public ActivityHandler(SessionExpiryMonitor monitor) => this.monitor = monitor;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && !LoginPage.IsLoginRedirect(response, LoginPaths))
            {
                monitor.RecordActivity();
            }

            return response;
        }
    }
}
