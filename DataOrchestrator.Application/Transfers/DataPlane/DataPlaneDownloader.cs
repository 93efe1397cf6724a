using DataOrchestrator.Application.Security;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Application.Transfers.DataPlane;

/// <summary>
/// Opens the download from the provider's data plane in the connector's dialect: the EDR endpoint rewritten and the
/// item's path and query added (<see cref="EndpointPath"/>) before the allow-list sees the final URL, the token
/// raw or as Bearer, and with Tractus-X EDR refresh on, a 401/403 answered by refreshing the EDR once (never twice at
/// once for one transfer) and retrying once.
/// </summary>
public sealed class DataPlaneDownloader(
    IDataPlaneClient dataPlaneClient, IEdcClient edcClient, KeyedLock locks, OutboundPolicy outbound, ILogger<DataPlaneDownloader> logger)
{
    public async Task<DataPayload> OpenAsync(
        ConnectorSettings connector, string transferId, EndpointDataReference dataReference, EndpointPath path, ResumeFrom? resume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return await dataPlaneClient.OpenAsync(Rewrite(connector, dataReference, path), dataReference.Bearer ?? connector.BearerToken, resume, cancellationToken);
        }
        catch (DataPlaneException refused) when (connector.EdrAutoRefresh && refused.StatusCode is 401 or 403)
        {
            PipelineLog.RefreshingEdr(logger, transferId, refused.StatusCode);
            var refreshed = await RefreshAsync(connector.Connection, transferId, refused, cancellationToken);
            return await dataPlaneClient.OpenAsync(Rewrite(connector, refreshed, path), connector.BearerToken, resume, cancellationToken);
        }
    }

    private EndpointDataReference Rewrite(ConnectorSettings connector, EndpointDataReference dataReference, EndpointPath path)
    {
        // The rewrite rules' prefixes are the connector's base URLs, so the path goes on after them.
        var endpoint = path.AppendTo(connector.Rewrites.Apply(dataReference.Endpoint));
        var refusal = outbound.Check(endpoint, outbound.DataPlanes, OutboundPolicy.DataPlaneSetting);
        return refusal is null
            ? dataReference.WithEndpoint(endpoint)
            : throw new ItemFailedException(ItemError.Of(ItemErrorCodes.EndpointNotAllowed, $"The EDR's data plane endpoint is refused: {refusal}"));
    }

    private async Task<EndpointDataReference> RefreshAsync(
        EdcConnection connection, string transferId, DataPlaneException refused, CancellationToken cancellationToken)
    {
        try
        {
            using (await locks.AcquireAsync($"edr\n{connection.ManagementBaseUrl}\n{transferId}", cancellationToken))
            {
                return await edcClient.RefreshDataAddressAsync(connection, transferId, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is EdcRequestRejectedException or EdcUnavailableException)
        {
            throw new ItemFailedException(ItemError.Of(
                ItemErrorCodes.DownloadFailed,
                $"Download failed: {refused.Message} Refreshing the EDR failed: {exception.Message}"));
        }
    }
}
