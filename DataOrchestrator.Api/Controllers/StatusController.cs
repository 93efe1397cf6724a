using DataOrchestrator.Api.Contracts;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Infrastructure.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DataOrchestrator.Api.Controllers;

[ApiController]
[Authorize]
[Route("status")]
[Produces("application/json")]
public sealed class StatusController(IOrchestrationQueries queries, SavedFileLocator files) : ControllerBase
{
    /// <summary>
    /// Orchestrations, newest first, a page at a time (<c>?limit=</c>, default 100; <c>?cursor=</c> from <c>next_cursor</c>,
    /// sent with the same filters), optionally only some process statuses (<c>?status=COMPLETED,FAILED</c>, or repeated)
    /// created within a time range (<c>?created_after=</c>, <c>?created_before=</c>, ISO 8601, both exclusive).
    /// </summary>
    [HttpGet]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<StatusResponse>> GetAll(
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        [FromQuery(Name = "status")] string[]? status,
        [FromQuery(Name = "created_after")] DateTimeOffset? createdAfter,
        [FromQuery(Name = "created_before")] DateTimeOffset? createdBefore,
        CancellationToken cancellationToken)
    {
        var query = new ListOrchestrationsQuery { Limit = limit, Cursor = cursor, Status = status, CreatedAfter = createdAfter, CreatedBefore = createdBefore };
        var page = await queries.ListAsync(query, cancellationToken);
        return Ok(StatusResponse.Of(page.Orchestrations, page.NextCursor));
    }

    /// <summary>
    /// Every orchestration counted by process status (all statuses, zeros included), and the items finished in each of
    /// the last <c>?minutes=</c> UTC minutes (default 60, 1–1440; oldest first, the current partial minute last) by
    /// final status: what a dashboard polls instead of counting pages of GET /status.
    /// </summary>
    [HttpGet("summary")]
    [ProducesResponseType<SummaryResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<SummaryResponse>> GetSummary([FromQuery(Name = "minutes")] int? minutes, CancellationToken cancellationToken) =>
        Ok(new SummaryResponse { Response = await queries.GetSummaryAsync(new SummaryQuery { Minutes = minutes }, cancellationToken) });

    /// <summary>One orchestration, with its items.</summary>
    [HttpGet("{orchestration_id}")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<StatusResponse>> Get([FromRoute(Name = "orchestration_id")] string orchestrationId, CancellationToken cancellationToken) =>
        Ok(StatusResponse.Of([await queries.GetAsync(orchestrationId, cancellationToken)]));

    /// <summary>
    /// The file one item saved (by its transfer id), with its content type, <c>Content-Length</c>, <c>ETag</c> (its
    /// SHA-256) and range support (<c>Range: bytes=…</c> → 206).
    /// </summary>
    [HttpGet("{orchestration_id}/files/{transfer_id}")]
    [Produces("application/octet-stream", "application/json")]
    [ProducesResponseType<FileResult>(StatusCodes.Status200OK, "application/octet-stream")]
    [ProducesResponseType<FileResult>(StatusCodes.Status206PartialContent, "application/octet-stream")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType(StatusCodes.Status416RangeNotSatisfiable)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status429TooManyRequests)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> GetFile(
        [FromRoute(Name = "orchestration_id")] string orchestrationId, [FromRoute(Name = "transfer_id")] string transferId, CancellationToken cancellationToken)
    {
        var file = await queries.GetFileAsync(orchestrationId, transferId, cancellationToken);
        var path = files.Locate(file.StoragePath) ?? throw new SavedFileNotFoundException(transferId);
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Sha256}\"");
        return PhysicalFile(path, file.ContentType, lastModified: null, etag, enableRangeProcessing: true);
    }
}
