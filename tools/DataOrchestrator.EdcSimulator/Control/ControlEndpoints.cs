using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.EdcSimulator.Scenarios;

namespace DataOrchestrator.EdcSimulator.Control;

/// <summary>
/// Unauthenticated control API under /_sim for tests, benchmarks and demos: configure agreements, offers, datasets and
/// held contract agreements (<see cref="CatalogControlEndpoints"/>),
/// latency, injected faults and transfer id semantics, read or clear the call log, inspect transfers and negotiations, DPS (<see cref="DpsControlEndpoints"/>).
/// Its own calls are not recorded.
/// </summary>
internal static class ControlEndpoints
{
    public static void MapControlApi(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_sim");
        control.MapGet("/health", () => SimulatorJson.Result(new Dictionary<string, string> { ["status"] = "UP" }));

        control.MapGet("/agreements", (SimulatorState state) => SimulatorJson.Result(state.Behaviours));
        control.MapPut("/agreements/{contractId}", PutAgreement);
        control.MapDelete("/agreements/{contractId}", (string contractId, SimulatorState state) =>
            state.RemoveBehaviour(contractId) ? Results.NoContent() : Results.NotFound());
        control.MapDelete("/agreements", (SimulatorState state) =>
        {
            state.ClearBehaviours();
            return Results.NoContent();
        });

        control.MapGet("/offers", (SimulatorState state) => SimulatorJson.Result(state.OfferBehaviours));
        control.MapPut("/offers/{offerId}", PutOffer);
        control.MapDelete("/offers/{offerId}", (string offerId, SimulatorState state) =>
            state.RemoveOfferBehaviour(offerId) ? Results.NoContent() : Results.NotFound());
        control.MapDelete("/offers", (SimulatorState state) =>
        {
            state.ClearOfferBehaviours();
            return Results.NoContent();
        });

        control.MapGet("/calls", (SimulatorState state) => SimulatorJson.Result(state.Calls));
        control.MapDelete("/calls", (SimulatorState state) =>
        {
            state.ClearCalls();
            return Results.NoContent();
        });

        control.MapGet("/latency", (SimulatorState state) =>
            SimulatorJson.Result(new LatencySetting((int)state.DefaultLatency.TotalMilliseconds)));
        control.MapPut("/latency", (LatencySetting setting, SimulatorState state) =>
        {
            if (setting.LatencyMs < 0)
            {
                return Problem("latencyMs must not be negative");
            }

            state.DefaultLatency = TimeSpan.FromMilliseconds(setting.LatencyMs);
            return Results.NoContent();
        });

        control.MapGet("/faults", (SimulatorState state) => SimulatorJson.Result(state.Faults.Setting));
        control.MapPut("/faults", (FaultSetting setting, SimulatorState state) =>
        {
            var problems = setting.Validate();
            if (problems.Count > 0)
            {
                return Problem(string.Join("; ", problems));
            }

            state.Faults.Configure(setting);
            return Results.NoContent();
        });

        control.MapGet("/transfer-ids", (SimulatorState state) => SimulatorJson.Result(new TransferIdsSetting(state.TransferIds)));
        control.MapPut("/transfer-ids", (TransferIdsSetting setting, SimulatorState state) =>
        {
            try
            {
                state.TransferIds = setting.TransferIds;
                return Results.NoContent();
            }
            catch (ArgumentException ex)
            {
                return Problem(ex.Message);
            }
        });

        control.MapGet("/transfers", (SimulatorState state) => SimulatorJson.Result(state.Transfers));
        control.MapGet("/transfers/{id}", (string id, SimulatorState state) =>
            state.FindTransfer(id) is { } transfer ? SimulatorJson.Result(transfer) : Results.NotFound());

        control.MapGet("/negotiations", (SimulatorState state) => SimulatorJson.Result(state.Negotiations));
        control.MapGet("/negotiations/{id}", (string id, SimulatorState state) =>
            state.FindNegotiation(id) is { } negotiation ? SimulatorJson.Result(negotiation) : Results.NotFound());
        control.MapCatalogControl();
        control.MapDpsControl();
    }

    private static IResult PutAgreement(string contractId, AgreementBehaviour behaviour, SimulatorState state)
    {
        var problems = behaviour.Validate();
        if (problems.Count > 0)
        {
            return Problem(string.Join("; ", problems));
        }

        state.SetBehaviour(contractId, behaviour);
        return Results.NoContent();
    }

    private static IResult PutOffer(string offerId, OfferBehaviour behaviour, SimulatorState state)
    {
        var problems = behaviour.Validate();
        if (problems.Count > 0)
        {
            return Problem(string.Join("; ", problems));
        }

        state.SetOfferBehaviour(offerId, behaviour);
        return Results.NoContent();
    }

    internal static IResult Problem(string message) =>
        SimulatorJson.Result(new Dictionary<string, string[]> { ["errors"] = [message] }, StatusCodes.Status400BadRequest);
}
