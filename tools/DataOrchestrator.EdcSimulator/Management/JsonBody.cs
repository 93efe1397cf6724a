using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>Parses management request bodies; a body that is not JSON becomes EDC's InvalidRequest error.</summary>
internal static class JsonBody
{
    public static ApiErrorDetail NotJson { get; } =
        new("Request body is not a valid JSON document", EdcError.InvalidRequest);

    public static ApiErrorDetail NotObject { get; } =
        new("Request body must be a JSON object", EdcError.ValidationFailure);

    /// <summary>The parsed root (cloned, so no document needs disposing), or null when the body is not JSON.</summary>
    public static async Task<JsonElement?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, ct);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
