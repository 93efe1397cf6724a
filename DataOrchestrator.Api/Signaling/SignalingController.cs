using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace DataOrchestrator.Api.Signaling;

/// <summary>
/// What every signaling controller is: not part of the client API (no API key, no client rate limit, not in the
/// OpenAPI document), authenticated by <c>DATAPLANE_AUTH</c> (<see cref="SignalingAuthentication"/>), reachable only
/// while a connector uses DPS and from allowed hosts (<see cref="SignalingAccessFilter"/>), answering JSON.
/// </summary>
[ApiController]
[Authorize(Policy = SignalingAuthentication.PolicyName)]
[DisableRateLimiting]
[SignalingAccess]
[ApiExplorerSettings(IgnoreApi = true)]
[Produces("application/json")]
public abstract class SignalingController : ControllerBase;
