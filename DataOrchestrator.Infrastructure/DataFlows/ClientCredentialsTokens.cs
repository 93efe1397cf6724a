using DataOrchestrator.Application.DataFlows;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Infrastructure.DataFlows;

/// <summary>
/// The service's access token for its callbacks to the control plane (DATAPLANE_AUTH=oauth2): a client credentials
/// grant at DATAPLANE_OAUTH2_TOKEN_ENDPOINT through Duende.IdentityModel, the credentials in the form body as EDC sends
/// them. One token is shared and reused until shortly before it expires; one request fetches it however many callbacks
/// wait. Neither the secret nor the token is ever logged or put into an error message.
/// </summary>
internal sealed class ClientCredentialsTokens(IHttpClientFactory httpClients, IOptions<DataPlaneOptions> options, TimeProvider timeProvider) : IDisposable
{
    public const string HttpClientName = "SignalingTokens";

    /// <summary>A token is renewed this long before its <c>expires_in</c> runs out (or at half its life, if shorter).</summary>
    private static readonly TimeSpan RenewAhead = TimeSpan.FromSeconds(30);

    /// <summary>Used when the token response names no <c>expires_in</c>.</summary>
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _fetch = new(1, 1);
    private volatile CachedToken? _current;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && cached.RenewAt > timeProvider.GetUtcNow())
        {
            return cached.AccessToken;
        }

        await _fetch.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } fresh && fresh.RenewAt > timeProvider.GetUtcNow())
            {
                return fresh.AccessToken;
            }

            var token = await FetchAsync(cancellationToken);
            _current = token;
            return token.AccessToken;
        }
        finally
        {
            _fetch.Release();
        }
    }

    /// <summary>Drops <paramref name="rejected"/> (the control plane answered 401 to it), so the next call fetches a new one.</summary>
    public void Invalidate(string rejected)
    {
        var current = _current;
        if (current is not null && current.AccessToken == rejected)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    public void Dispose() => _fetch.Dispose();

    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var oauth2 = settings.OAuth2;
        var endpoint = new Uri(oauth2.TokenEndpoint!, UriKind.Absolute);
        var requestedAt = timeProvider.GetUtcNow();
        TokenResponse response;
        try
        {
            using var request = new ClientCredentialsTokenRequest
            {
                Address = endpoint.AbsoluteUri,
                ClientId = oauth2.ClientIdOr(settings.Id),
                ClientSecret = oauth2.ClientSecret,
                ClientCredentialStyle = ClientCredentialStyle.PostBody,
            };
            response = await httpClients.CreateClient(HttpClientName).RequestClientCredentialsTokenAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new SignalingCallbackException($"The token endpoint {endpoint.GetLeftPart(UriPartial.Authority)} could not be reached: {exception.Message}", exception);
        }

        if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
        {
            // The OAuth2 error code and HTTP status only: the raw body might echo what was sent.
            var code = response.TryGet("error") is { Length: > 0 and <= 64 } error && error.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $" ({error})" : string.Empty;
            var why = response.HttpStatusCode == 0 ? response.ErrorType.ToString() : $"HTTP {(int)response.HttpStatusCode}{code}";
            throw new SignalingCallbackException($"The token endpoint {endpoint.GetLeftPart(UriPartial.Authority)} refused a token: {why}.");
        }

        var lifetime = response.ExpiresIn > 0 ? TimeSpan.FromSeconds(response.ExpiresIn) : DefaultLifetime;
        var ahead = lifetime / 2 < RenewAhead ? lifetime / 2 : RenewAhead;
        return new CachedToken(response.AccessToken, requestedAt + lifetime - ahead);
    }

    private sealed record CachedToken(string AccessToken, DateTimeOffset RenewAt);
}
