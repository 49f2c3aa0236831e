using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SessionSafety;

/// <summary>Adds the <see cref="SessionRecoveryHandler"/> to an <see cref="IHttpClientBuilder"/>'s pipeline.</summary>
public static class SessionSafetyHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds session recovery to the client, with a renewer of type <typeparamref name="TRenewer"/>
    /// (registered transient if it is not registered yet). All clients share the <see cref="SessionRecovery"/>
    /// registered in the container; resolve it to subscribe to <see cref="SessionRecovery.SessionExpired"/>
    /// and to replay parked requests.
    /// </summary>
    public static IHttpClientBuilder AddSessionRecovery<TRenewer>(this IHttpClientBuilder builder)
        where TRenewer : class, ISessionRenewer
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        builder.Services.TryAddTransient<TRenewer>();
        return builder.AddSessionRecovery(services => services.GetRequiredService<TRenewer>());
    }

    /// <summary>Adds session recovery to the client, with the renewer <paramref name="renewerFactory"/> makes.</summary>
    public static IHttpClientBuilder AddSessionRecovery(this IHttpClientBuilder builder, Func<IServiceProvider, ISessionRenewer> renewerFactory) =>
        builder.AddSessionRecovery(renewerFactory, services => services.GetRequiredService<SessionRecovery>());

    /// <summary>
    /// Adds session recovery to the client with its own <see cref="SessionRecovery"/> — for a second API
    /// whose credentials are renewed separately from the first's.
    /// </summary>
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

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(services => SessionSafetyServiceCollectionExtensions.CreateRecovery(services));
        return builder.AddHttpMessageHandler(services => new SessionRecoveryHandler(recoveryFactory(services), renewerFactory(services)));
    }
}
