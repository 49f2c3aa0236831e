using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SessionSafety.Internal;

namespace SessionSafety;

/// <summary>Adds the <see cref="SessionRecoveryHandler"/> to an <see cref="IHttpClientBuilder"/>'s pipeline.</summary>
public static class SessionSafetyHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds session recovery to the client, with a renewer of type <typeparamref name="TRenewer"/>
    /// (registered if it is not registered yet: transient in a client app, scoped — one per user — in a
    /// server app). All clients share the <see cref="SessionRecovery"/> registered in the container; resolve
    /// it to subscribe to <see cref="SessionRecovery.SessionExpired"/> and to replay parked requests.
    /// </summary>
    public static IHttpClientBuilder AddSessionRecovery<TRenewer>(this IHttpClientBuilder builder)
        where TRenewer : class, ISessionRenewer
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        if (SessionSafetyServiceCollectionExtensions.IsPerUser(builder.Services))
        {
            builder.Services.TryAddScoped<TRenewer>();
        }
        else
        {
            builder.Services.TryAddTransient<TRenewer>();
        }

        return builder.AddSessionRecovery(services => services.GetRequiredService<TRenewer>());
    }

    /// <summary>
    /// Adds session recovery to the client, with the renewer <paramref name="renewerFactory"/> makes. In a
    /// server app the factory is called with the services of the user who sends the request (their
    /// <see cref="SessionSafetyScope"/>), so that each user's requests carry that user's credentials.
    /// </summary>
    public static IHttpClientBuilder AddSessionRecovery(this IHttpClientBuilder builder, Func<IServiceProvider, ISessionRenewer> renewerFactory) =>
        builder.AddSessionRecovery(renewerFactory, services => services.GetRequiredService<SessionRecovery>());

    /// <summary>
    /// Adds session recovery to the client with its own <see cref="SessionRecovery"/> — for a second API
    /// whose credentials are renewed separately from the first's.
    /// </summary>
    /// <remarks>
    /// In a server app (see <see cref="SessionSafetyOptions.PerUser"/>) <c>IHttpClientFactory</c> shares one
    /// handler between all users, so the handler takes the recovery and the renewer from the services of the
    /// ambient <see cref="SessionSafetyScope"/> at each request: one user's parked requests are never seen,
    /// or replayed with the credentials of, another. A request sent outside a scope there fails with
    /// <see cref="InvalidOperationException"/>.
    /// </remarks>
    public static IHttpClientBuilder AddSessionRecovery(
        this IHttpClientBuilder builder,
        Func<IServiceProvider, ISessionRenewer> renewerFactory,
        Func<IServiceProvider, SessionRecovery> recoveryFactory)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        if (renewerFactory is null)
        {
            throw new ArgumentNullException(nameof(renewerFactory));
        }

        if (recoveryFactory is null)
        {
            throw new ArgumentNullException(nameof(recoveryFactory));
        }

        var perUserAtRegistration = SessionSafetyServiceCollectionExtensions.IsPerUser(builder.Services);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAdd(new ServiceDescriptor(
            typeof(SessionRecovery),
            services => SessionSafetyServiceCollectionExtensions.CreateRecovery(services),
            perUserAtRegistration ? ServiceLifetime.Scoped : ServiceLifetime.Singleton));
        return builder.AddHttpMessageHandler(services =>
        {
            // Decided when the handler is made, after every registration: AddSessionSafety may come later.
            var perUser = services.GetService<SessionSafetyOptions>()?.IsPerUser ?? perUserAtRegistration;
            return perUser
                ? new SessionRecoveryHandler(() => ForCurrentUser(renewerFactory, recoveryFactory))
                : new SessionRecoveryHandler(recoveryFactory(services), renewerFactory(services));
        });
    }

    private static (SessionRecovery, ISessionRenewer) ForCurrentUser(Func<IServiceProvider, ISessionRenewer> renewerFactory, Func<IServiceProvider, SessionRecovery> recoveryFactory)
    {
        var services = SessionSafetyScope.CurrentServices ?? throw new InvalidOperationException(
            "A request went through session recovery outside a SessionSafetyScope in a server app: there is no user whose "
            + "credentials, parked requests and drafts it belongs to. Begin one for each request or circuit with "
            + "SessionSafetyScope.Begin(scopedServices) (docs/runtime.md, 'Servers').");
        return (recoveryFactory(services), renewerFactory(services));
    }
}
