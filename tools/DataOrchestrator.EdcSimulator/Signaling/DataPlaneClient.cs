using System.Text;
using System.Text.Json.Nodes;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>
/// Sends DPS messages to a registered data plane and records each with its answer. Like stock EDC, it sends no
/// Authorization header unless the registration carried an <c>oauth2_client_credentials</c> profile; then it sends a
/// bearer token taken with the profile's credentials (<see cref="DataPlaneTokens"/>).
/// </summary>
internal sealed class DataPlaneClient(IHttpClientFactory httpClientFactory, DataPlaneTokens tokens, SimulatorState state, ILogger<DataPlaneClient> logger)
{
    public const string HttpClientName = "dps-data-plane";

    /// <summary>POSTs <paramref name="body"/> to <c>{endpoint}/{path}</c>; never throws for HTTP or connection failures.</summary>
    public async Task<DataPlaneAnswer> SendAsync(
        DpsFlow flow, string kind, string path, JsonObject body, CancellationToken ct)
    {
        var endpoint = flow.DataPlane?.Endpoint.TrimEnd('/') ?? throw new InvalidOperationException("No data plane selected");
        var url = $"{endpoint}/{path}";
        var json = body.ToJsonString(SimulatorJson.Options);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, SimulatorJson.ContentType) };
            if (flow.DataPlane?.Authorization is { } profile)
            {
                var (token, failure) = await tokens.GetAsync(profile, ct);
                if (token is null)
                {
                    // EDC fails the call (and so the transfer) when it cannot get a token.
                    logger.LogWarning("DPS {Kind} of transfer {TransferId}: no token: {Failure}", kind, flow.TransferId, failure);
                    state.Dps.Log.Add(DpsMessageKinds.Sent, kind, flow.TransferId, "POST", url, json, null, null, failure);
                    return new DataPlaneAnswer(null, null);
                }

                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, ct);
            var answer = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            state.Dps.Log.Add(DpsMessageKinds.Sent, kind, flow.TransferId, "POST", url, json, status, answer);
            return new DataPlaneAnswer(status, answer);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("DPS {Kind} of transfer {TransferId} to {Url} failed: {Error}", kind, flow.TransferId, url, ex.Message);
            state.Dps.Log.Add(DpsMessageKinds.Sent, kind, flow.TransferId, "POST", url, json, null, null, ex.Message);
            return new DataPlaneAnswer(null, null);
        }
    }
}
