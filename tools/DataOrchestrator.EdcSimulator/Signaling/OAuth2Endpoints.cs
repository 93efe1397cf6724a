using System.Net.Http.Headers;
using System.Text;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>The routes of <see cref="OAuth2TokenServer"/>: <c>POST /_sim/oauth2/token</c> and <c>GET /_sim/oauth2/jwks</c>.</summary>
internal static class OAuth2Endpoints
{
    public static void MapOAuth2(this IEndpointRouteBuilder app)
    {
        var oauth2 = app.MapGroup(OAuth2TokenServer.BasePath);
        oauth2.MapGet("/jwks", (SimulatorState state) => SimulatorJson.Result(state.Dps.OAuth2.Jwks()));
        oauth2.MapPost("/token", TokenAsync);
    }

    /// <summary>The issuer of the server's tokens as reached through <paramref name="request"/>.</summary>
    public static string IssuerOf(HttpRequest request) => $"{request.Scheme}://{request.Host}{OAuth2TokenServer.BasePath}";

    private static async Task<IResult> TokenAsync(HttpContext context, SimulatorState state)
    {
        if (!context.Request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != "client_credentials")
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type");
        }

        var (clientId, secret) = Credentials(context.Request, form);
        if (string.IsNullOrEmpty(clientId) || secret != state.Dps.OAuth2.ClientSecret)
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client");
        }

        var (token, expiresIn) = state.Dps.OAuth2.Issue(IssuerOf(context.Request), clientId);
        context.Response.Headers.CacheControl = "no-store";
        return SimulatorJson.Result(new Dictionary<string, object> { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = expiresIn });
    }

    private static (string? ClientId, string? Secret) Credentials(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) && header.Scheme == "Basic" && header.Parameter is { } encoded)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)).Split(':', 2);
                return pair.Length == 2 ? (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1])) : (null, null);
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (form["client_id"], form["client_secret"]);
    }

    private static IResult Error(int status, string error) =>
        SimulatorJson.Result(new Dictionary<string, string> { ["error"] = error }, status);
}
