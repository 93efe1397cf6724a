using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.EdcSimulator.Management.Responses;
using DataOrchestrator.EdcSimulator.Negotiations;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Handlers for /v3 and /v4 contractnegotiations: initiate, poll state, read. Behaviour is keyed by the offer id
/// (the policy <c>@id</c>); a FINALIZED negotiation hands out its contractAgreementId, which transfers can then use.
/// </summary>
internal static class ContractNegotiationEndpoints
{
    public static async Task<IResult> InitiateAsync(HttpContext context, SimulatorState state, string apiVersion)
    {
        var ct = context.RequestAborted;
        var read = await ContractRequestReader.ReadAsync(context.Request, apiVersion, ct);
        var offer = read.OfferId is null ? null : state.GetOfferBehaviour(read.OfferId);
        context.AnnotateNegotiation(read.OfferId);
        await ManagementLatency.ApplyAsync(state, offer?.LatencyMs, ct);
        if (read.Request is null || offer is null)
        {
            return EdcError.Result(StatusCodes.Status400BadRequest, read.Errors);
        }

        if (offer.RejectNegotiation is { } rejection)
        {
            return EdcError.Result(rejection.Status, rejection.Type, rejection.MessageForOffer(read.Request.OfferId));
        }

        var negotiation = new SimulatedNegotiation(
            Guid.NewGuid().ToString(), read.Request, offer, state.NowMs(), apiVersion);
        // Indexed first: the store may evict this very negotiation at once, and its hook then drops the index entry.
        state.AgreementStore.Track(negotiation);
        state.NegotiationStore.Add(negotiation);
        context.AnnotateNegotiation(negotiation.Request.OfferId, negotiation.Id);
        return SimulatorJson.Result(IdResponse.For(negotiation.Id, negotiation.CreatedAtMs, apiVersion));
    }

    public static async Task<IResult> GetStateAsync(
        HttpContext context, SimulatorState state, string id, string apiVersion)
    {
        var negotiation = await FindAsync(context, state, id);
        return negotiation is null
            ? EdcError.NegotiationNotFound(id)
            : SimulatorJson.Result(
                NegotiationStateResponse.For(negotiation.StatusAt(state.NowMs()).State, apiVersion));
    }

    public static async Task<IResult> GetAsync(HttpContext context, SimulatorState state, string id, string apiVersion)
    {
        var negotiation = await FindAsync(context, state, id);
        return negotiation is null
            ? EdcError.NegotiationNotFound(id)
            : SimulatorJson.Result(ContractNegotiationResponse.From(negotiation, state.NowMs(), apiVersion));
    }

    // Looks the negotiation up, notes it in the call log and applies its offer's latency.
    private static async Task<SimulatedNegotiation?> FindAsync(HttpContext context, SimulatorState state, string id)
    {
        state.NegotiationStore.TryGet(id, out var negotiation);
        context.AnnotateNegotiation(negotiation?.Request.OfferId, id);
        await ManagementLatency.ApplyAsync(state, negotiation?.Behaviour.LatencyMs, context.RequestAborted);
        return negotiation;
    }
}
