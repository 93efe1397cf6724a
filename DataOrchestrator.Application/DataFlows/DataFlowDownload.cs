using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Domain.DataFlows;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>
/// The download as the connector's flow runs it. EDR: <see cref="ResumableDownload"/> as it is. DPS: the same, watched
/// by the data flow: a <c>suspend</c> stops it (its partial file goes) until <c>resume</c>, which starts it again
/// (with the resumed address, if one came, and the item's path and query on it as on the first); a <c>terminate</c> stops it for good and fails the item, leaving no file.
/// </summary>
public sealed class DataFlowDownload(
    ResumableDownload download, IDataStore dataStore, IDataFlowStore flows, IOptions<DataPlaneOptions> options, ILogger<DataFlowDownload> logger)
{
    public async Task<StoredFile> RunAsync(
        PipelineRun run, string transferId, EndpointDataReference dataReference, EndpointPath path, DownloadTracker tracker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!run.Connector.IsDps)
        {
            return await download.RunAsync(run.Connector, transferId, dataReference, path, tracker, cancellationToken);
        }

        while (true)
        {
            DataFlow interruption;
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var downloading = download.RunAsync(run.Connector, transferId, dataReference, path, tracker, stop.Token);
                var interrupted = flows.WaitAsync(transferId, f => f.State != DataFlowState.Started, stop.Token);
                if (await Task.WhenAny(downloading, interrupted) == downloading)
                {
                    await stop.CancelAsync();
                    await Quietly(interrupted);
                    return await downloading;
                }

                await stop.CancelAsync();
                if (await Quietly(downloading) is { } late)
                {
                    // Finished as the flow was interrupted: the control plane's word counts, so the file goes.
                    await dataStore.DeleteAsync(late, CancellationToken.None);
                }

                interruption = await interrupted;
            }

            if (interruption.State != DataFlowState.Suspended)
            {
                throw SignalingDataAddressSource.Ended(interruption);
            }

            DataFlowLog.Suspended(logger, transferId);
            var resumed = await flows.WaitAsync(transferId, f => f.State != DataFlowState.Suspended, cancellationToken);
            dataReference = resumed.State == DataFlowState.Started
                ? DataAddressReader.Read(resumed.DataAddress, options.Value.AllowHttpEndpoints)
                : throw SignalingDataAddressSource.Ended(resumed);
        }
    }

    /// <summary>Awaits a task that was told to stop: its result if it got through anyway, else nothing.</summary>
    private static async Task<T?> Quietly<T>(Task<T> task)
        where T : class
    {
        try
        {
            return await task;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
