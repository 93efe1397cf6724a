using DataOrchestrator.Api.Contracts;
using DataOrchestrator.Application.Orchestrations.Cancel;
using DataOrchestrator.Application.Orchestrations.Retry;
using DataOrchestrator.Application.Orchestrations.Submit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace DataOrchestrator.Api.Controllers;

[ApiController]
[Authorize]
[Route("orchestrate")]
public sealed class OrchestrateController(
    IOrchestrationSubmission submission, IOrchestrationCancellation cancellation, IOrchestrationRetry retry) : ControllerBase
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

    /// <summary>
    /// Retries a finished orchestration: its FAILED and CANCELLED items (or those the optional body names in
    /// <c>items</c>, by transfer id or item index) are QUEUED again and run anew; SAVED items stay SAVED. A retried item
    /// keeps its contract agreement and its attempt count, and its earlier error moves to <c>previous_errors</c>.
    /// Answers 202 with the orchestration as it stands; the completion callback, if any, is sent again when it finishes
    /// (X-Callback-Id <c>&lt;id&gt;.2</c>, <c>.3</c>… for the rounds after the first). An orchestration still running,
    /// or with nothing to retry, answers 409; unknown items answer 400.
    /// </summary>
    [HttpPost("{orchestration_id}/retry")]
    [Produces("application/json")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status415UnsupportedMediaType)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<StatusResponse>> Retry(
        [FromRoute(Name = "orchestration_id")] string orchestrationId,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RetryItemsRequest? request,
        CancellationToken cancellationToken)
    {
        var orchestration = await retry.RetryAsync(orchestrationId, request, cancellationToken);
        return Accepted(StatusResponse.Of([orchestration], statusCode: StatusCodes.Status202Accepted));
    }
}
