using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Transfers;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Api.Signaling;

/// <summary>
/// Refuses to start in Production (also what an unset <c>ASPNETCORE_ENVIRONMENT</c> means) when a connector uses the
/// DPS flow with <c>DATAPLANE_AUTH=none</c>, unless <c>DATAPLANE_ALLOW_UNAUTHENTICATED=true</c>: anyone who reaches
/// the signaling endpoints could then steer this service's transfers.
/// </summary>
internal sealed class UnauthenticatedSignalingGuard(IHostEnvironment environment, IOptions<TransferOptions> transfer) : IValidateOptions<DataPlaneOptions>
{
    public ValidateOptionsResult Validate(string? name, DataPlaneOptions options)
    {
        if (!environment.IsProduction() || !transfer.Value.UsesDps || options.Auth != DataPlaneOptions.NoAuth || options.AllowUnauthenticated)
        {
            return ValidateOptionsResult.Skip;
        }

        return ValidateOptionsResult.Fail(
            $"DATAPLANE_AUTH is 'none' while a connector uses EDC_DATA_FLOW=dps and the environment is {environment.EnvironmentName} " +
            "(an unset ASPNETCORE_ENVIRONMENT means Production): the signaling endpoints would accept any caller. Restrict them with " +
            "ALLOWED_CONTROL_PLANE_HOSTS and set DATAPLANE_ALLOW_UNAUTHENTICATED=true to accept that.");
    }
}
