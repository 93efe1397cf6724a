using DataOrchestrator.EdcSimulator.Hosting;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Hides a switched-off management API version: its routes answer a bare 404 like unknown routes do, before any
/// API key check (EDC after the v3 removal simply has no such resource). The DPS shape "main" (EDC main) hides every
/// /v3 path, <c>/v3/edrs</c> included; <paramref name="alwaysServed"/> routes ignore only the version switch.
/// </summary>
internal sealed class ManagementApiVersionFilter(SimulatorState state, string apiVersion, bool alwaysServed = false)
    : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        IsServed() ? next(context) : ValueTask.FromResult<object?>(Results.NotFound());

    private bool IsServed() =>
        (alwaysServed || state.IsServed(apiVersion))
        && !(apiVersion == ManagementApiVersion.V3 && state.Dps.Shape == DpsShapes.Main);
}
