using System.Collections.Concurrent;
using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>
/// EDC's outbound side of <c>oauth2_client_credentials</c>: before calling a data plane registered with the profile,
/// the control plane takes a token at the profile's token endpoint with the profile's credentials (form body) and
/// sends it as <c>Authorization: Bearer</c>. Tokens are reused until shortly before they expire, and fetched one at a time.
/// </summary>
internal sealed class DataPlaneTokens(IHttpClientFactory httpClientFactory, TimeProvider timeProvider) : IDisposable
{
    private readonly ConcurrentDictionary<(string, string), (string Token, DateTimeOffset RenewAt)> _cache = new();
    private readonly SemaphoreSlim _fetch = new(1, 1);

    /// <summary>The token for <paramref name="profile"/>, or null with the reason when none could be had.</summary>
    public async Task<(string? Token, string? Failure)> GetAsync(AuthorizationProfile profile, CancellationToken ct)
    {
        var key = (profile.TokenEndpoint, profile.ClientId);
        if (_cache.TryGetValue(key, out var cached) && cached.RenewAt > timeProvider.GetUtcNow())
        {
            return (cached.Token, null);
        }

        await _fetch.WaitAsync(ct);
        try
        {
            return _cache.TryGetValue(key, out var fresh) && fresh.RenewAt > timeProvider.GetUtcNow()
                ? (fresh.Token, null)
                : await FetchAsync(profile, key, ct);
        }
        finally
        {
            _fetch.Release();
        }
    }

    public void Dispose() => _fetch.Dispose();

    private async Task<(string? Token, string? Failure)> FetchAsync(AuthorizationProfile profile, (string, string) key, CancellationToken ct)
    {

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = profile.ClientId,
            ["client_secret"] = profile.ClientSecret,
        });
        try
        {
            using var response = await httpClientFactory.CreateClient(DataPlaneClient.HttpClientName).PostAsync(profile.TokenEndpoint, form, ct);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"token endpoint answered HTTP {(int)response.StatusCode}");
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var token = document.RootElement.GetProperty("access_token").GetString()!;
            var expiresIn = document.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 300;
            _cache[key] = (token, timeProvider.GetUtcNow() + TimeSpan.FromSeconds(expiresIn / 2.0));
            return (token, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
                                   || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return (null, $"token endpoint failed: {ex.Message}");
        }
    }
}
