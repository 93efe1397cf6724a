using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers.Negotiation;

/// <summary>
/// Turns an item's offer into a contract agreement: starts the negotiation (or joins the one another item of the
/// same orchestration started for the same offer), polls it until FINALIZED and records the agreement id.
/// </summary>
public sealed class ContractNegotiator(
    IOrchestrationRepository repository,
    IEdcClient edcClient,
    KeyedLock locks,
    OrchestratorMetrics metrics,
    IOptions<TransferOptions> options,
    TimeProvider timeProvider,
    ILogger<ContractNegotiator> logger)
{
    private readonly TransferOptions _options = options.Value;

    public async Task<OrchestrationItem> NegotiateAsync(
        Guid orchestrationId, ConnectorSettings connector, OrchestrationItem item, string protocol, CancellationToken cancellationToken)
    {
        var offer = item.Offer ?? throw new InvalidOperationException("An item without a contract agreement carries an offer.");
        var key = offer.NegotiationKey(item.CounterPartyAddress, item.ConnectorId);

        // One decision at a time per offer: the first item starts the negotiation, the others find its id stored.
        using (await locks.AcquireAsync($"negotiation\n{orchestrationId}\n{key}", cancellationToken))
        {
            var orchestration = await repository.FindAsync(orchestrationId, cancellationToken);
            var sharing = (orchestration?.Items ?? [])
                .Where(other => other.Index != item.Index && other.Offer?.NegotiationKey(other.CounterPartyAddress, other.ConnectorId) == key)
                .ToArray();
            if (sharing.FirstOrDefault(other => other.ContractId is not null) is { } agreed)
            {
                PipelineLog.Negotiated(logger, agreed.NegotiationId, agreed.ContractId!);
                return await SaveAsync(
                    orchestrationId, item with { NegotiationId = agreed.NegotiationId, ContractId = agreed.ContractId, Status = ItemStatus.Negotiated }, cancellationToken);
            }

            var negotiationId = item.NegotiationId ?? sharing.Select(other => other.NegotiationId).FirstOrDefault(id => id is not null);
            if (negotiationId is null)
            {
                var request = new NegotiationStartRequest(item.CounterPartyAddress, item.ConnectorId!, protocol, offer);
                negotiationId = await edcClient.StartNegotiationAsync(connector.Connection, request, cancellationToken);
                PipelineLog.NegotiationRequested(logger, negotiationId, offer.OfferId);
            }
            else
            {
                PipelineLog.NegotiationShared(logger, negotiationId);
            }

            item = await SaveAsync(orchestrationId, item with { NegotiationId = negotiationId, Status = ItemStatus.NegotiationRequested }, cancellationToken);
        }

        var contractId = await WaitForAgreementAsync(connector.Connection, item.NegotiationId!, cancellationToken);
        PipelineLog.Negotiated(logger, item.NegotiationId, contractId);
        return await SaveAsync(orchestrationId, item with { ContractId = contractId, Status = ItemStatus.Negotiated }, cancellationToken);
    }

    private async Task<string> WaitForAgreementAsync(EdcConnection connection, string negotiationId, CancellationToken cancellationToken)
    {
        var (state, timedOut) = await StatePolling.UntilAsync(
            ct => edcClient.GetNegotiationStateAsync(connection, negotiationId, ct),
            NegotiationStates.Finalized,
            NegotiationStates.IsFailure,
            _options.NegotiationTimeout,
            _options,
            timeProvider,
            cancellationToken);

        if (timedOut)
        {
            throw new ItemFailedException(ItemError.Of(
                ItemErrorCodes.NegotiationTimeout,
                $"Contract negotiation {negotiationId} did not reach FINALIZED within {_options.NegotiationTimeout.TotalSeconds:0.###} s (last state {state})."));
        }

        if (state != NegotiationStates.Finalized)
        {
            var detail = await TryGetErrorDetailAsync(connection, negotiationId, cancellationToken);
            throw new ItemFailedException(ItemError.Of(
                ItemErrorCodes.NegotiationTerminated,
                $"Contract negotiation {negotiationId} ended in state {state}" + (detail is null ? "." : $": {detail}")));
        }

        var outcome = await edcClient.GetNegotiationAsync(connection, negotiationId, cancellationToken);
        return string.IsNullOrWhiteSpace(outcome.ContractAgreementId)
            ? throw new EdcUnavailableException($"Contract negotiation {negotiationId} is FINALIZED but EDC returned no contractAgreementId.")
            : outcome.ContractAgreementId;
    }

    private async Task<string?> TryGetErrorDetailAsync(EdcConnection connection, string negotiationId, CancellationToken cancellationToken)
    {
        try
        {
            return (await edcClient.GetNegotiationAsync(connection, negotiationId, cancellationToken)).ErrorDetail;
        }
        catch (Exception exception) when (exception is EdcRequestRejectedException or EdcUnavailableException)
        {
            // The state already says the negotiation failed; a missing detail must not hide that.
            PipelineLog.ErrorDetailUnavailable(logger, negotiationId, exception.Message);
            return null;
        }
    }

    private async Task<OrchestrationItem> SaveAsync(Guid orchestrationId, OrchestrationItem item, CancellationToken cancellationToken)
    {
        metrics.RecordItemSaved(item, await repository.SaveItemAsync(orchestrationId, item, cancellationToken));
        return item;
    }
}
