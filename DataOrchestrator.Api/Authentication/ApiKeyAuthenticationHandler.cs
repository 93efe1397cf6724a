using System.Security.Claims;
using System.Text.Encodings.Web;
using DataOrchestrator.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Api.Authentication;

/// <summary>The <c>X-Api-Key</c> scheme. A missing or wrong key gets 403 in the error envelope, as in the original.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var presented) || presented.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (presented.Count > 1 || !verifier.IsValid(presented[0]))
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-client")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => WriteForbiddenAsync();

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => WriteForbiddenAsync();

    private async Task WriteForbiddenAsync()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(ErrorResponses.ForStatus(StatusCodes.Status403Forbidden), Context.RequestAborted);
    }
}
