using System.Globalization;
using DataOrchestrator.Api.Contracts;
using DataOrchestrator.Application.Orchestrations.Submit;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Api.Errors;

/// <summary>Error envelopes that more than one part of the pipeline writes.</summary>
internal static class ErrorResponses
{
    public const string InvalidRequestFormat = "Invalid request format";

    public static ErrorResponse BodyTooLarge(HttpContext httpContext)
    {
        var max = httpContext.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxBodyBytes;
        return ErrorResponse.Of(
            StatusCodes.Status413PayloadTooLarge,
            "Request body too large",
            new Dictionary<string, string[]> { ["body"] = [$"At most {max.ToString(CultureInfo.InvariantCulture)} bytes are accepted."] });
    }

    public static ErrorResponse TooManyRequests(int retryAfterSeconds) => ErrorResponse.Of(
        StatusCodes.Status429TooManyRequests,
        "Too many requests",
        new Dictionary<string, string[]> { ["retry_after_seconds"] = [retryAfterSeconds.ToString(CultureInfo.InvariantCulture)] });

    /// <summary>Bodyless error statuses (unknown route, wrong method or content type) get the envelope too.</summary>
    public static ErrorResponse ForStatus(int statusCode) => statusCode switch
    {
        StatusCodes.Status404NotFound => ErrorResponse.Of(statusCode, "Resource not found"),
        StatusCodes.Status405MethodNotAllowed => ErrorResponse.Of(statusCode, "Method not allowed"),
        StatusCodes.Status415UnsupportedMediaType => ErrorResponse.Of(
            statusCode, "Unsupported media type", new Dictionary<string, string[]> { ["Content-Type"] = ["Must be application/json."] }),
        StatusCodes.Status403Forbidden => ErrorResponse.Of(statusCode, "Invalid or missing API key"),
        StatusCodes.Status429TooManyRequests => ErrorResponse.Of(statusCode, "Too many requests"),
        _ => ErrorResponse.Of(statusCode, statusCode >= 500 ? "Internal server error" : "Request failed"),
    };
}
