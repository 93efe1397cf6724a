namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>Mounts the consumer management API (v3 transfer and EDR calls) under one base path.</summary>
internal static class ManagementApi
{
    public static void MapManagementApi(this IEndpointRouteBuilder app, string prefix, string apiKey)
    {
        var api = app.MapGroup(prefix).AddEndpointFilter(new ApiKeyFilter(apiKey));
        api.MapPost("/v3/transferprocesses", TransferProcessEndpoints.InitiateAsync);
        api.MapGet("/v3/transferprocesses/{id}/state", TransferProcessEndpoints.GetStateAsync);
        api.MapGet("/v3/transferprocesses/{id}", TransferProcessEndpoints.GetAsync);
        api.MapPost("/v3/transferprocesses/{id}/terminate", TransferProcessEndpoints.TerminateAsync);
        api.MapGet("/v3/edrs/{id}/dataaddress", EdrEndpoints.GetDataAddressAsync);
    }
}
