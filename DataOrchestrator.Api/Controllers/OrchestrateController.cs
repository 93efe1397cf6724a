using DataOrchestrator.Api.Contracts;
using DataOrchestrator.Application.Orchestrations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DataOrchestrator.Api.Controllers;

[ApiController]
[Authorize]
[Route("orchestrate")]
public sealed class OrchestrateController(IOrchestrationService orchestrations) : ControllerBase
{
    /// <summary>Accepts a list of EDC items to fetch and answers at once with the orchestration id.</summary>
    [HttpPost]
    [Consumes("application/json")]
    [Produces("application/json")]
    [ProducesResponseType<OrchestrateResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status415UnsupportedMediaType)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<OrchestrateResponse>> Orchestrate([FromBody] OrchestrateRequest request, CancellationToken cancellationToken)
    {
        var accepted = await orchestrations.SubmitAsync(request, cancellationToken);
        return Ok(new OrchestrateResponse { OrchestrationId = accepted.OrchestrationId, Response = accepted });
    }
}
