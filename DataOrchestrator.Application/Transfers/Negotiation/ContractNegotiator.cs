using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers.Negotiation;

/// <summary>
/// The pipeline step that turns an item's offer into a contract agreement: starts the negotiation (or joins the one
/// another item of the same orchestration started for the same offer), waits until it is FINALIZED and records the
/// agreement id. Items that came with an agreement skip it.
/// </summary>
public sealed class ContractNegotiator(
    IEdcClient edcClient,
    EdcStateWaiter waiter,
    KeyedLock locks,
    ItemRecorder recorder,
    IOptions<TransferOptions> options,
    ILogger<ContractNegotiator> logger) : IPipelineStep
{
    public string Name => "negotiate the contract";

    public string Stage => PipelineStage.Negotiate;

    public bool AppliesTo(OrchestrationItem item) => item?.ContractId is null;

    public async Task<OrchestrationItem> RunAsync(PipelineRun run, OrchestrationItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(item);
        var orchestrationId = run.OrchestrationId;
        var offer = item.Offer ?? throw new InvalidOperationException("An item without a contract agreement carries an offer.");
        var key = offer.NegotiationKey(item.CounterPartyAddress, item.ConnectorId);

        // One decision at a time per offer: the first item starts the negotiation, the others find its id stored.
        using (await locks.AcquireAsync($"negotiation\n{orchestrationId}\n{key}", cancellationToken))
        {
            var orchestration = await recorder.FindAsync(orchestrationId, cancellationToken);
            var sharing = (orchestration?.Items ?? [])
                .Where(other => other.Index != item.Index && other.Offer?.NegotiationKey(other.CounterPartyAddress, other.ConnectorId) == key)
                .ToArray();
            // An agreement another item reused was not negotiated here; it may be the stale one this item is replacing.
            if (sharing.FirstOrDefault(other => other.ContractId is not null && !other.AgreementReused) is { } agreed)
            {
                PipelineLog.Negotiated(logger, agreed.NegotiationId, agreed.ContractId!);
                return await recorder.SaveAsync(
                    orchestrationId, item with { NegotiationId = agreed.NegotiationId, ContractId = agreed.ContractId, Status = ItemStatus.Negotiated }, cancellationToken);
            }

            // In its first round an item joins its offer's negotiation even when that already failed (it would fail the
            // same way: one negotiation per offer). A retried item joins only one another item still waits for: one
            // whose items all ended without an agreement was terminated or given up on before the retry.
            var retried = item.PreviousErrors.Count > 0;
            var negotiationId = item.NegotiationId
                ?? sharing.Where(other => !retried || !other.IsFinished).Select(other => other.NegotiationId).FirstOrDefault(id => id is not null);
            if (negotiationId is null)
            {
                var request = new NegotiationStartRequest(item.CounterPartyAddress, item.ConnectorId!, run.ProtocolOf(item), offer);
                negotiationId = await edcClient.StartNegotiationAsync(run.Connection, request, cancellationToken);
                PipelineLog.NegotiationRequested(logger, negotiationId, offer.OfferId);
            }
            else
            {
                PipelineLog.NegotiationShared(logger, negotiationId);
            }

            item = await recorder.SaveAsync(orchestrationId, item with { NegotiationId = negotiationId, Status = ItemStatus.NegotiationRequested }, cancellationToken);
        }

        var contractId = await WaitForAgreementAsync(run.Connection, item.NegotiationId!, cancellationToken);
        PipelineLog.Negotiated(logger, item.NegotiationId, contractId);
        return await recorder.SaveAsync(orchestrationId, item with { ContractId = contractId, Status = ItemStatus.Negotiated }, cancellationToken);
    }

    private async Task<string> WaitForAgreementAsync(EdcConnection connection, string negotiationId, CancellationToken cancellationToken)
    {
        await waiter.WaitAsync(
            new EdcWait
            {
                Subject = $"Contract negotiation {negotiationId}",
                ProcessId = negotiationId,
                Goal = NegotiationStates.Finalized,
                IsFailure = NegotiationStates.IsFailure,
                Timeout = options.Value.NegotiationTimeout,
                ReadState = ct => edcClient.GetNegotiationStateAsync(connection, negotiationId, ct),
                ReadErrorDetail = async ct => (await edcClient.GetNegotiationAsync(connection, negotiationId, ct)).ErrorDetail,
                TimeoutCode = ItemErrorCodes.NegotiationTimeout,
                FailedCode = ItemErrorCodes.NegotiationTerminated,
            },
            cancellationToken);

        var outcome = await edcClient.GetNegotiationAsync(connection, negotiationId, cancellationToken);
        return string.IsNullOrWhiteSpace(outcome.ContractAgreementId)
            ? throw new EdcUnavailableException($"Contract negotiation {negotiationId} is FINALIZED but EDC returned no contractAgreementId.")
            : outcome.ContractAgreementId;
    }
}
