using System.Text.Json.Serialization;

namespace DataOrchestrator.Api.Contracts;

/// <summary>The original service's error envelope; <c>details</c> maps a field (or topic) to messages.</summary>
public sealed class ErrorResponse
{
    /// <example>Invalid request format</example>
    [JsonPropertyName("message")]
    public required string Message { get; init; }

    [JsonPropertyName("status")]
    public string Status { get; init; } = ApiStatus.Error;

    [JsonPropertyName("status_code")]
    public required int StatusCode { get; init; }

    [JsonPropertyName("details")]
    public IDictionary<string, string[]> Details { get; init; } = new Dictionary<string, string[]>();

    public static ErrorResponse Of(int statusCode, string message, IDictionary<string, string[]>? details = null) =>
        new() { StatusCode = statusCode, Message = message, Details = details ?? new Dictionary<string, string[]>() };
}
