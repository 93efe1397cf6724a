using System.Net;
using System.Net.Http.Headers;
using DataOrchestrator.Application.DataFlows;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Infrastructure.DataFlows;

/// <summary>
/// With DATAPLANE_AUTH=oauth2, puts the service's client credentials token on every callback to the control plane.
/// A 401 drops the token and the call is made once more with a new one (the token server may have rotated its keys).
/// </summary>
internal sealed class SignalingTokenHandler(ClientCredentialsTokens tokens, IOptions<DataPlaneOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!options.Value.UsesOAuth2)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var token = await tokens.GetAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        tokens.Invalidate(token);
        var renewed = await tokens.GetAsync(cancellationToken);
        if (renewed == token)
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
        return await base.SendAsync(request, cancellationToken);
    }
}
