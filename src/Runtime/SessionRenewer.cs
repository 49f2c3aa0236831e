using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SessionSafety;

/// <summary>Makes an <see cref="ISessionRenewer"/> from two functions.</summary>
public static class SessionRenewer
{
    /// <summary>A renewer that calls <paramref name="renew"/> to renew and <paramref name="applyCredentials"/> (optional) to put the credentials on each request.</summary>
    public static ISessionRenewer Create(
        Func<SessionRenewalContext, CancellationToken, Task<bool>> renew,
        Func<HttpRequestMessage, CancellationToken, Task>? applyCredentials = null) =>
        new DelegateRenewer(renew ?? throw new ArgumentNullException(nameof(renew)), applyCredentials);

    private sealed class DelegateRenewer : ISessionRenewer
    {
        private readonly Func<SessionRenewalContext, CancellationToken, Task<bool>> renew;
        private readonly Func<HttpRequestMessage, CancellationToken, Task>? apply;

        public DelegateRenewer(Func<SessionRenewalContext, CancellationToken, Task<bool>> renew, Func<HttpRequestMessage, CancellationToken, Task>? apply)
        {
            this.renew = renew;
            this.apply = apply;
        }

        public ValueTask ApplyCredentialsAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            apply is null ? default : new ValueTask(apply(request, cancellationToken));

        public ValueTask<bool> RenewAsync(SessionRenewalContext context, CancellationToken cancellationToken) =>
            new(renew(context, cancellationToken));
    }
}
