using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Signaling;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Mounts the consumer management API under one base path: transfer processes, contract negotiations, dataset
/// requests and the contract agreement query in v3 and v4 (each version can be switched off), the v4 data plane
/// registrations (DPS) and the EDR calls (read, refresh, query), which stay on /v3 in EDC 0.17/0.18.
/// </summary>
internal static class ManagementApi
{
    public static void MapManagementApi(this IEndpointRouteBuilder app, string prefix, SimulatorState state)
    {
        var apiKey = new ApiKeyFilter(state.ApiKey);
        var api = app.MapGroup(prefix);
        foreach (var version in new[] { ManagementApiVersion.V3, ManagementApiVersion.V4 })
        {
            var group = api.MapGroup("/" + version)
                .AddEndpointFilter(new ManagementApiVersionFilter(state, version))
                .AddEndpointFilter(apiKey);
            MapTransferProcesses(group, version);
            MapContractNegotiations(group, version);
            group.MapPost("/catalog/dataset/request", (HttpContext context, SimulatorState state) =>
                CatalogEndpoints.RequestDatasetAsync(context, state, version));
            group.MapPost("/contractagreements/request", (HttpContext context, SimulatorState state) =>
                ContractAgreementEndpoints.QueryAsync(context, state, version));
        }

        var v4 = api.MapGroup("/" + ManagementApiVersion.V4)
            .AddEndpointFilter(new ManagementApiVersionFilter(state, ManagementApiVersion.V4))
            .AddEndpointFilter(apiKey);
        v4.MapPut("/dataplanes", DataPlaneRegistrationEndpoints.PutAsync);
        v4.MapDelete("/dataplanes/{dataplaneId}", DataPlaneRegistrationEndpoints.Delete);

        var edrs = api.MapGroup("/v3/edrs")
            .AddEndpointFilter(new ManagementApiVersionFilter(state, ManagementApiVersion.V3, alwaysServed: true))
            .AddEndpointFilter(apiKey);
        edrs.MapGet("/{id}/dataaddress", EdrEndpoints.GetDataAddressAsync);
        edrs.MapPost("/{id}/refresh", EdrEndpoints.RefreshAsync);
        edrs.MapPost("/request", EdrQueryEndpoints.QueryAsync);
    }

    private static void MapTransferProcesses(RouteGroupBuilder group, string version)
    {
        group.MapPost("/transferprocesses", (HttpContext context, SimulatorState state, DpsFlowRunner dps) =>
            TransferProcessEndpoints.InitiateAsync(context, state, dps, version));
        // A literal segment, so it never reaches the {id} routes (which are GETs or end in /terminate anyway).
        group.MapPost("/transferprocesses/request", (HttpContext context, SimulatorState state) =>
            TransferProcessEndpoints.QueryAsync(context, state, version));
        group.MapGet("/transferprocesses/{id}/state", (HttpContext context, SimulatorState state, string id) =>
            TransferProcessEndpoints.GetStateAsync(context, state, id, version));
        group.MapGet("/transferprocesses/{id}", (HttpContext context, SimulatorState state, string id) =>
            TransferProcessEndpoints.GetAsync(context, state, id, version));
        group.MapPost("/transferprocesses/{id}/terminate", (HttpContext context, SimulatorState state, DpsFlowRunner dps, string id) =>
            TransferProcessEndpoints.TerminateAsync(context, state, dps, id, version));
    }

    private static void MapContractNegotiations(RouteGroupBuilder group, string version)
    {
        group.MapPost("/contractnegotiations", (HttpContext context, SimulatorState state) =>
            ContractNegotiationEndpoints.InitiateAsync(context, state, version));
        group.MapGet("/contractnegotiations/{id}/state", (HttpContext context, SimulatorState state, string id) =>
            ContractNegotiationEndpoints.GetStateAsync(context, state, id, version));
        group.MapGet("/contractnegotiations/{id}", (HttpContext context, SimulatorState state, string id) =>
            ContractNegotiationEndpoints.GetAsync(context, state, id, version));
    }
}
