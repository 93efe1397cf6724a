using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Domain.DataFlows;
using Microsoft.AspNetCore.Mvc;

namespace DataOrchestrator.Api.Signaling;

/// <summary>
/// The optional control plane registration of the spec (<c>PUT /controlplanes</c>, <c>DELETE /controlplanes/{id}</c>).
/// EDC never calls it; an operator may, to name the signaling API the callbacks go to when neither the prepare message
/// nor EDC_SIGNALING_URL does. The registration is kept in the data-flow store (durable with PostgreSQL).
/// </summary>
[Route("signaling/controlplanes")]
public sealed class ControlPlanesController(IDataFlowStore store, SignalingSchemas schemas, TimeProvider timeProvider) : SignalingController
{
    /// <summary>Its <c>authorization</c> may hold a client secret: the body is read here, not bound (MVC traces bound arguments).</summary>
    [HttpPut]
    public async Task<IActionResult> Register(CancellationToken cancellationToken)
    {
        var (message, refusal) = await SignalingBody.ReadAsync(Request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (schemas.Check(SignalingMessage.ControlPlaneRegistration, message) is { Count: > 0 } reasons)
        {
            return SignalingResults.Invalid(reasons);
        }

        var id = message.GetProperty("controlplaneId").GetString()!;
        var endpoint = message.GetProperty("endpoint").GetString()!;
        if (SignalingResults.CheckId(id) is { } invalid)
        {
            return invalid;
        }

        if (!DataFlowsController.IsHttpUrl(endpoint))
        {
            return SignalingResults.Invalid(["/endpoint: must be an absolute http(s) URL."]);
        }

        var authorization = message.GetProperty("authorization").GetRawText();
        await store.PutControlPlaneAsync(new ControlPlaneRegistration(id, endpoint, authorization, timeProvider.GetUtcNow()), cancellationToken);
        return Ok();
    }

    [HttpDelete("{controlplaneId}")]
    public async Task<IActionResult> Delete(string? controlplaneId, CancellationToken cancellationToken)
    {
        if (SignalingResults.CheckId(controlplaneId) is { } invalid)
        {
            return invalid;
        }

        return await store.DeleteControlPlaneAsync(controlplaneId!, cancellationToken)
            ? NoContent()
            : SignalingResults.Error(StatusCodes.Status404NotFound, "Control plane not found", ("controlplaneId", controlplaneId!));
    }
}
