using DataOrchestrator.EdcSimulator.Scenarios;

namespace DataOrchestrator.EdcSimulator.Control;

/// <summary>
/// The control API's catalog part: the provider's datasets under <c>/_sim/datasets</c> and the contract agreements
/// the consumer holds under <c>/_sim/contractagreements</c> (scripted ones can be added and removed; negotiated ones
/// are listed once FINALIZED).
/// </summary>
internal static class CatalogControlEndpoints
{
    public static void MapCatalogControl(this RouteGroupBuilder control)
    {
        control.MapGet("/datasets", (SimulatorState state) => SimulatorJson.Result(state.Datasets));
        control.MapPut("/datasets/{assetId}", PutDataset);
        control.MapDelete("/datasets/{assetId}", (string assetId, SimulatorState state) =>
            state.RemoveDataset(assetId) ? Results.NoContent() : Results.NotFound());
        control.MapDelete("/datasets", (SimulatorState state) =>
        {
            state.ClearDatasets();
            return Results.NoContent();
        });

        control.MapGet("/contractagreements", (SimulatorState state) => SimulatorJson.Result(state.ContractAgreements));
        control.MapPut("/contractagreements/{agreementId}", PutAgreement);
        control.MapDelete("/contractagreements/{agreementId}", (string agreementId, SimulatorState state) =>
            state.RemoveAgreement(agreementId) ? Results.NoContent() : Results.NotFound());
    }

    private static IResult PutDataset(string assetId, DatasetBehaviour behaviour, SimulatorState state)
    {
        var problems = behaviour.Validate();
        if (problems.Count > 0)
        {
            return ControlEndpoints.Problem(string.Join("; ", problems));
        }

        state.SetDataset(assetId, behaviour);
        return Results.NoContent();
    }

    private static IResult PutAgreement(string agreementId, ScriptedAgreement agreement, SimulatorState state)
    {
        var problems = agreement.Validate();
        if (problems.Count > 0)
        {
            return ControlEndpoints.Problem(string.Join("; ", problems));
        }

        return SimulatorJson.Result(state.AddAgreement(agreementId, agreement));
    }
}
