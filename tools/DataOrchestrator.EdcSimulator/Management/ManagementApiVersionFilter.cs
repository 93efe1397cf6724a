namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Hides a switched-off management API version: its routes answer a bare 404 like unknown routes do, before any
/// API key check (EDC after the v3 removal simply has no such resource).
/// </summary>
internal sealed class ManagementApiVersionFilter(SimulatorState state, string apiVersion) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        state.IsServed(apiVersion) ? next(context) : ValueTask.FromResult<object?>(Results.NotFound());
}
