using System.Globalization;
using System.Net.Http.Headers;
using DataOrchestrator.Application.Callbacks;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Infrastructure.Callbacks;

/// <summary>
/// One POST per attempt, bounded by <c>TimeoutSeconds</c>. No retries here: they are scheduled in the store, so they
/// survive a restart (ADR 0008). The handler does not follow redirects (a 3xx is a failed attempt).
/// </summary>
internal sealed class HttpCallbackSender(HttpClient httpClient, IOptions<CallbackOptions> options) : ICallbackSender
{
    public const string HttpClientName = "Callbacks";

    public async Task<CallbackResponse> SendAsync(CallbackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var timeout = options.Value.Timeout;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);

        using var content = new ByteArrayContent(message.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url) { Content = content };
        foreach (var (name, value) in message.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            return CallbackResponse.Answered((int)response.StatusCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CallbackResponse.NoAnswer(string.Create(CultureInfo.InvariantCulture, $"timeout after {timeout.TotalSeconds:0.###} s"));
        }
        catch (HttpRequestException exception)
        {
            // The type and its category only: exception messages may quote the URL, which may carry the client's tokens.
            var cause = exception.HttpRequestError != HttpRequestError.Unknown
                ? exception.HttpRequestError.ToString()
                : exception.InnerException?.GetType().Name ?? nameof(HttpRequestError.Unknown);
            return CallbackResponse.NoAnswer($"{nameof(HttpRequestException)} ({cause})");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return CallbackResponse.NoAnswer(exception.GetType().Name);
        }
    }
}
