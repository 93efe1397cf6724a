using DataOrchestrator.Api.Contracts;
using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace DataOrchestrator.Api.Signaling;

/// <summary>
/// Who may call the signaling endpoints, by <c>DATAPLANE_AUTH</c>. With <c>oauth2</c> (and a connector on the DPS flow)
/// every call needs <c>Authorization: Bearer</c> with a JWT that JwtBearer accepts: signed by a key of
/// <c>DATAPLANE_OAUTH2_JWKS_URI</c>, not expired, with a <c>sub</c>, and of <c>DATAPLANE_OAUTH2_ISSUER</c>/<c>_AUDIENCE</c>
/// when set; anything else gets 401 before the controller runs. With <c>none</c> the policy lets every call through
/// (<see cref="SignalingAccessFilter"/> and the controllers narrow it). The client API key scheme is never consulted.
/// </summary>
internal static class SignalingAuthentication
{
    public const string SchemeName = "SignalingBearer";
    public const string PolicyName = "Signaling";
    private const string JwksHttpClient = "SignalingJwks";

    public static AuthenticationBuilder AddSignalingBearer(this AuthenticationBuilder authentication)
    {
        var services = authentication.Services;
        services.AddHttpClient(JwksHttpClient).UseRenewedConnections().RemoveAllLoggers();
        services.AddOptions<JwtBearerOptions>(SchemeName).Configure<IOptions<DataPlaneOptions>, IHttpClientFactory>(Configure);
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<DataPlaneOptions>, IOptions<TransferOptions>>((authorization, dataPlane, transfer) =>
            authorization.AddPolicy(PolicyName, policy =>
            {
                if (dataPlane.Value.UsesOAuth2 && transfer.Value.UsesDps)
                {
                    policy.AddAuthenticationSchemes(SchemeName).RequireAuthenticatedUser().RequireClaim("sub");
                }
                else
                {
                    policy.RequireAssertion(_ => true);
                }
            }));
        return authentication.AddJwtBearer(SchemeName, _ => { });
    }

    private static void Configure(JwtBearerOptions jwt, IOptions<DataPlaneOptions> dataPlane, IHttpClientFactory httpClients)
    {
        var settings = dataPlane.Value;
        jwt.MapInboundClaims = false;
        jwt.SaveToken = false;
        jwt.Events = new JwtBearerEvents { OnChallenge = WriteUnauthorizedAsync };
        if (!settings.UsesOAuth2)
        {
            return;
        }

        var oauth2 = settings.OAuth2;
        var jwksUri = new Uri(oauth2.JwksUri!, UriKind.Absolute);
        jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
            jwksUri.AbsoluteUri,
            new JwksRetriever(),
            new HttpDocumentRetriever(httpClients.CreateClient(JwksHttpClient)) { RequireHttps = jwksUri.Scheme == Uri.UriSchemeHttps });
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = oauth2.Issuer is not null,
            ValidIssuer = oauth2.Issuer,
            ValidateAudience = oauth2.Audience is not null,
            ValidAudience = oauth2.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The 401 in the service's error envelope (JwtBearer would send an empty body).</summary>
    private static async Task WriteUnauthorizedAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.WWWAuthenticate = "Bearer";
        var reason = context.AuthenticateFailure is null
            ? "A bearer token (DATAPLANE_AUTH=oauth2) is required."
            : "The bearer token was not accepted.";
        await response.WriteAsJsonAsync(
            ErrorResponse.Of(StatusCodes.Status401Unauthorized, "Signaling refused", new Dictionary<string, string[]> { ["authorization"] = [reason] }),
            context.HttpContext.RequestAborted);
    }

    /// <summary>Reads a bare JWKS document (the profile names a <c>jwksUri</c>, not an OpenID discovery document).</summary>
    private sealed class JwksRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var keys = new JsonWebKeySet(await retriever.GetDocumentAsync(address, cancel));
            var configuration = new OpenIdConnectConfiguration { JwksUri = address, JsonWebKeySet = keys };
            foreach (var key in keys.GetSigningKeys())
            {
                configuration.SigningKeys.Add(key);
            }

            return configuration;
        }
    }
}
