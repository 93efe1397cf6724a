using DataOrchestrator.Application.Transfers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Api.Signaling;

/// <summary>
/// Who may reach the signaling endpoints. Client API keys play no part (they are never asked for, and open nothing
/// here). With no connector on the DPS flow the endpoints do not exist (404); otherwise, with DATAPLANE_AUTH=none, a
/// call from outside ALLOWED_CONTROL_PLANE_HOSTS gets 403. Which flows a call may touch is the controllers' business.
/// </summary>
internal sealed class SignalingAccessFilter(IOptions<TransferOptions> transfer, ControlPlaneHosts hosts) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!transfer.Value.UsesDps)
        {
            context.Result = SignalingResults.Error(StatusCodes.Status404NotFound, "Resource not found");
            return;
        }

        var http = context.HttpContext;
        if (!await hosts.AllowsAsync(http.Connection.RemoteIpAddress, http.RequestAborted))
        {
            context.Result = SignalingResults.Error(
                StatusCodes.Status403Forbidden, "Signaling refused", ("caller", "Not in ALLOWED_CONTROL_PLANE_HOSTS."));
            return;
        }

        await next();
    }
}

/// <summary>Puts <see cref="SignalingAccessFilter"/> in front of a controller.</summary>
internal sealed class SignalingAccessAttribute() : TypeFilterAttribute(typeof(SignalingAccessFilter));
