using DataOrchestrator.EdcSimulator.Signaling;

namespace DataOrchestrator.EdcSimulator.Control;

/// <summary>
/// The control API's DPS part under <c>/_sim/dps</c>: read or switch the shape, read the registered data planes, the
/// recorded messages and a transfer's flow, and make the provider terminate, suspend or resume a transfer now.
/// </summary>
internal static class DpsControlEndpoints
{
    public static void MapDpsControl(this RouteGroupBuilder control)
    {
        var dps = control.MapGroup("/dps");
        dps.MapGet("/", (SimulatorState state) => SimulatorJson.Result(new DpsSetting(state.Dps.Shape)));
        dps.MapPut("/", (DpsSetting setting, SimulatorState state) =>
        {
            try
            {
                state.Dps.Shape = setting.Shape;
                return Results.NoContent();
            }
            catch (ArgumentException ex)
            {
                return ControlEndpoints.Problem(ex.Message);
            }
        });
        dps.MapGet("/dataplanes", (SimulatorState state) => SimulatorJson.Result(state.Dps.DataPlanes));
        dps.MapGet("/messages", (SimulatorState state, string? transferId) =>
            SimulatorJson.Result(transferId is null ? state.Dps.Messages : state.Dps.MessagesFor(transferId)));
        dps.MapDelete("/messages", (SimulatorState state) =>
        {
            state.Dps.ClearMessages();
            return Results.NoContent();
        });
        dps.MapGet("/flows/{id}", (string id, SimulatorState state) =>
            state.Dps.FindFlow(id) is { } flow ? SimulatorJson.Result(flow) : Results.NotFound());
        dps.MapPost("/flows/{id}/{action}", ProviderActionAsync);
    }

    private static async Task<IResult> ProviderActionAsync(
        string id, string action, SimulatorState state, DpsFlowRunner runner, HttpContext context)
    {
        if (action is not (ProviderActions.Terminate or ProviderActions.Suspend or ProviderActions.Resume))
        {
            return ControlEndpoints.Problem($"action must be {ProviderActions.Terminate}, {ProviderActions.Suspend} or {ProviderActions.Resume}");
        }

        if (!state.TransferStore.TryGet(id, out var transfer) || transfer.Dps is null)
        {
            return Results.NotFound();
        }

        return await runner.Actions.RunAsync(transfer, action, context.RequestAborted)
            ? Results.NoContent()
            : SimulatorJson.Result(
                new Dictionary<string, string[]> { ["errors"] = [$"{action} is not possible in state {transfer.Dps.Status.State}"] },
                StatusCodes.Status409Conflict);
    }
}
