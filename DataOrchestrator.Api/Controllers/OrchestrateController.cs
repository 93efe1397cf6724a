using DataOrchestrator.Api.Contracts;
using DataOrchestrator.Application.Orchestrations.Cancel;
using DataOrchestrator.Application.Orchestrations.Submit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DataOrchestrator.Api.Controllers;

[ApiController]
[Authorize]
[Route("orchestrate")]
public sealed class OrchestrateController(IOrchestrationSubmission submission, IOrchestrationCancellation cancellation) : ControllerBase
{
    /// <summary>
    /// Accepts a list of EDC items to fetch and answers at once with the orchestration id. With an
    /// <c>Idempotency-Key</c> header, a repeat of the same request (within the key's lifetime) answers the first
    /// orchestration's id instead of starting another; the same key with a different body answers 409.
    /// </summary>
    [HttpPost]
    [Consumes("application/json")]
    [Produces("application/json")]
    [ProducesResponseType<OrchestrateResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status415UnsupportedMediaType)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<OrchestrateResponse>> Orchestrate(
        [FromBody] OrchestrateRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken cancellationToken)
    {
        var accepted = await submission.SubmitAsync(new SubmitOrchestration(request, idempotencyKey), cancellationToken);
        return Ok(new OrchestrateResponse { OrchestrationId = accepted.OrchestrationId, Response = accepted });
    }

    /// <summary>
    /// Cancels an orchestration: items not started end CANCELLED at once; running items are stopped (in-flight calls
    /// aborted, partial files removed, their EDC transfer processes terminated) moments later; saved items stay SAVED.
    /// Answers 202 with the orchestration as it stands; GET /status/{orchestration_id} shows it reach CANCELLED.
    /// Cancelling an orchestration that has finished answers 409.
    /// </summary>
    [HttpPost("{orchestration_id}/cancel")]
    [Produces("application/json")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<StatusResponse>> Cancel([FromRoute(Name = "orchestration_id")] string orchestrationId, CancellationToken cancellationToken)
    {
        var orchestration = await cancellation.CancelAsync(orchestrationId, cancellationToken);
        return Accepted(StatusResponse.Of([orchestration], statusCode: StatusCodes.Status202Accepted));
    }
}
