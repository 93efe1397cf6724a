using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.Edc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>
/// Registers the service as the consumer data plane of a connector (<c>PUT {management}/v4/dataplanes</c>) before the
/// first DPS transfer there, one call at a time per connector; and once more when a transfer ended with "No dataplane
/// found" (the connector lost the registration: restarted with an in-memory store, or it was deleted).
/// </summary>
public sealed class DataPlaneRegistrar(
    IEdcClient edcClient, KeyedLock locks, RegisteredDataPlanes registered, IOptions<DataPlaneOptions> options, ILogger<DataPlaneRegistrar> logger)
{
    /// <summary>Registers unless this process did already; returns the registration's generation.</summary>
    public Task<long> EnsureAsync(EdcConnection connection, CancellationToken cancellationToken) =>
        RegisterAsync(connection, seen: 0, cancellationToken);

    /// <summary>Registers again unless someone did after the registration <paramref name="seen"/> (which failed a transfer).</summary>
    public Task<long> RenewAsync(EdcConnection connection, long seen, CancellationToken cancellationToken) =>
        RegisterAsync(connection, seen, cancellationToken);

    private async Task<long> RegisterAsync(EdcConnection connection, long seen, CancellationToken cancellationToken)
    {
        if (registered.GenerationOf(connection) is var current && current > seen)
        {
            return current;
        }

        using (await locks.AcquireAsync("dataplane\n" + RegisteredDataPlanes.Key(connection), cancellationToken))
        {
            if (registered.GenerationOf(connection) is var now && now > seen)
            {
                return now;
            }

            var settings = options.Value;
            var registration = new DataPlaneRegistration(
                settings.Id,
                settings.SignalingEndpoint ?? throw new InvalidOperationException("DATAPLANE_PUBLIC_URL is validated at start when DPS is used."),
                [settings.TransferType],
                settings.LabelList,
                Authorization(settings));
            await edcClient.RegisterDataPlaneAsync(connection, registration, cancellationToken);
            DataFlowLog.Registered(logger, settings.Id, connection.ManagementBaseUrl, registration.Endpoint);
            return registered.Registered(connection);
        }
    }

    /// <summary>
    /// With DATAPLANE_AUTH=oauth2, the <c>oauth2_client_credentials</c> profile (facts §3.2): EDC takes tokens with these
    /// credentials to call the service, and checks the service's callback tokens (signature against <c>jwksUri</c>, <c>sub</c> = dataplaneId).
    /// </summary>
    private static Dictionary<string, string>? Authorization(DataPlaneOptions settings)
    {
        if (!settings.UsesOAuth2)
        {
            return null;
        }

        var oauth2 = settings.OAuth2;
        return new Dictionary<string, string>
        {
            ["type"] = "oauth2_client_credentials",
            ["tokenEndpoint"] = oauth2.TokenEndpoint!,
            ["clientId"] = oauth2.ClientIdOr(settings.Id),
            ["clientSecret"] = oauth2.ClientSecret!,
            ["jwksUri"] = oauth2.JwksUri!,
        };
    }
}
