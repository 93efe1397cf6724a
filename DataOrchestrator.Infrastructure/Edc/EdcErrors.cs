using System.Net;
using System.Text.Json;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Domain.Orchestrations;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>Translates what Refit, HttpClient and the resilience pipeline throw into the Application's EDC exceptions.</summary>
internal static class EdcErrors
{
    private const int MaxMessageLength = 500;

    /// <summary>Returns null for exceptions that are not about EDC (cancellation, bugs): the caller rethrows those.</summary>
    public static Exception? Translate(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        ApiException api when IsRejection(api.StatusCode) => Rejected(api),
        ApiException api when api.StatusCode is >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous =>
            new EdcUnavailableException("EDC answered with a response that could not be read.", (int)api.StatusCode, [], isTimeout: false, api),
        ApiException api => Unavailable(api),
        TimeoutRejectedException timeout => new EdcUnavailableException("the request timed out.", null, [], isTimeout: true, timeout),
        BrokenCircuitException broken => new EdcUnavailableException("too many recent failures; calls to this connector are paused briefly (circuit open).", null, [], isTimeout: false, broken),
        HttpRequestException http => new EdcUnavailableException(Shorten(http.Message), null, [], isTimeout: false, http),
        JsonException json => new EdcUnavailableException("EDC answered with invalid JSON.", null, [], isTimeout: false, json),
        _ => null,
    };

    /// <summary>4xx other than 408 and 429: the request itself is wrong; retrying cannot help.</summary>
    public static bool IsRejection(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests;

    public static IReadOnlyList<EdcError> Parse(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return [];
        }

        try
        {
            var errors = JsonSerializer.Deserialize(content, EdcJsonContext.Default.EdcErrorDtoArray) ?? [];
            return errors.Select(e => new EdcError(e.Message, e.Type, e.Path, InvalidValueText(e.InvalidValue))).ToArray();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static EdcRequestRejectedException Rejected(ApiException api)
    {
        var errors = Parse(api.Content);
        return new EdcRequestRejectedException((int)api.StatusCode, Summarize(api, errors), errors);
    }

    private static EdcUnavailableException Unavailable(ApiException api)
    {
        var errors = Parse(api.Content);
        return new EdcUnavailableException(Summarize(api, errors), (int)api.StatusCode, errors, isTimeout: false, api);
    }

    private static string Summarize(ApiException api, IReadOnlyList<EdcError> errors)
    {
        var messages = errors.Select(e => e.Message).Where(m => !string.IsNullOrWhiteSpace(m)).ToArray();
        return messages.Length > 0
            ? Shorten(string.Join("; ", messages))
            : $"HTTP {(int)api.StatusCode} {api.ReasonPhrase}";
    }

    private static string? InvalidValueText(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => Shorten(v.GetRawText()),
    };

    private static string Shorten(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "…";
}
