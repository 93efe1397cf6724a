using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>
/// The data address from the consumer connector's EDR cache (<c>GET /v3/edrs/{id}/dataaddress</c>), asked again with a
/// doubling delay while the connector has not cached it yet, up to DATA_ADDRESS_MAX_RETRIES.
/// </summary>
public sealed class EdrCacheDataAddressSource(
    IEdcClient edcClient, OrchestratorMetrics metrics, IOptions<TransferOptions> options, TimeProvider timeProvider, ILogger<EdrCacheDataAddressSource> logger)
    : IDataAddressSource
{
    private readonly TransferOptions _options = options.Value;

    public async Task<EndpointDataReference> ObtainAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(item);
        var transferId = item.TransferId!;
        var delay = TimeSpan.FromMilliseconds(_options.DataAddressRetryDelayMs);
        for (var attempt = 0; ; attempt++)
        {
            var dataReference = await edcClient.GetDataAddressAsync(run.Connection, transferId, run.Connector.EdrAutoRefresh, cancellationToken);
            if (dataReference is not null)
            {
                PipelineLog.DataAddressRetrieved(logger, transferId, attempt + 1);
                return dataReference;
            }

            if (attempt >= _options.DataAddressMaxRetries)
            {
                throw new ItemFailedException(ItemError.Of(
                    ItemErrorCodes.DataAddressUnavailable,
                    $"EDR data address of transfer process {transferId} was not available after {attempt + 1} attempts."));
            }

            PipelineLog.DataAddressNotYet(logger, transferId, delay);
            metrics.RecordRetry(RetryKind.DataAddress);
            await Task.Delay(delay, timeProvider, cancellationToken);
            delay *= 2;
        }
    }
}
