using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace DataOrchestrator.Api.Signaling;

/// <summary>
/// Reads a signaling message body itself rather than through MVC model binding: a bound argument would be written to
/// MVC's trace log, and a started or resume message carries the provider's token. JSON only (UTF-8), nested 32 deep
/// at most, like every body the service reads; MAX_BODY_BYTES applies as everywhere.
/// </summary>
internal static class SignalingBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <summary>The message, or the 4xx that answers it.</summary>
    public static async Task<(JsonElement Message, ObjectResult? Refusal)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return (default, SignalingResults.Error(
                StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", ("Content-Type", "Must be application/json.")));
        }

        // Read whole (MAX_BODY_BYTES bounds it): JsonDocument leaves the UTF-8 inside strings unchecked until a string is read.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (!Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            return (default, SignalingResults.Invalid(["body: not valid UTF-8."]));
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), Options);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException)
        {
            return (default, SignalingResults.Invalid(["body: not a JSON document (or nested deeper than 32 levels)."]));
        }
    }
}
