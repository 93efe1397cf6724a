using System.Globalization;
using DataOrchestrator.Api.Contracts;
using DataOrchestrator.Application.Orchestrations.Errors;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;

namespace DataOrchestrator.Api.Errors;

/// <summary>The one place exceptions become error envelopes. A 500 never carries an exception's message.</summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var error = exception switch
        {
            OrchestrationNotFoundException notFound => ErrorResponse.Of(
                StatusCodes.Status404NotFound, "Orchestration not found", Detail("orchestration_id", Shorten(notFound.OrchestrationId))),
            SavedFileNotFoundException noFile => ErrorResponse.Of(
                StatusCodes.Status404NotFound, "File not found", Detail("transfer_id", Shorten(noFile.TransferId))),
            OrchestrationFinishedException finished => ErrorResponse.Of(
                StatusCodes.Status409Conflict, "Orchestration already finished", Detail("process_status", finished.ProcessStatus)),
            OrchestrationRunningException running => ErrorResponse.Of(
                StatusCodes.Status409Conflict, "Orchestration still running", Detail("process_status", running.ProcessStatus)),
            NothingToRetryException nothing => ErrorResponse.Of(
                StatusCodes.Status409Conflict, "Nothing to retry", Detail("process_status", nothing.ProcessStatus)),
            IdempotencyConflictException => ErrorResponse.Of(
                StatusCodes.Status409Conflict, "Idempotency key already used", Detail("Idempotency-Key", "Used before with a different request body.")),
            QueueFullException full => Unavailable(httpContext, "Service at capacity, retry later", full.RetryAfter),
            StoreUnavailableException store => Unavailable(httpContext, "Storage unavailable, retry later", store.RetryAfter),
            ValidationException invalid => ErrorResponse.Of(
                StatusCodes.Status400BadRequest,
                ErrorResponses.InvalidRequestFormat,
                invalid.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray())),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ErrorResponses.BodyTooLarge(httpContext),
            BadHttpRequestException bad => ErrorResponse.Of(bad.StatusCode, "Invalid request format", Detail("body", "The request body could not be read.")),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };

        if (error is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            error = ErrorResponse.Of(StatusCodes.Status500InternalServerError, "Internal server error");
        }

        httpContext.Response.StatusCode = error.StatusCode;
        await httpContext.Response.WriteAsJsonAsync(error, cancellationToken);
        return true;
    }

    private static ErrorResponse Unavailable(HttpContext httpContext, string title, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        httpContext.Response.Headers.RetryAfter = seconds;
        return ErrorResponse.Of(StatusCodes.Status503ServiceUnavailable, title, Detail("retry_after_seconds", seconds));
    }

    private static Dictionary<string, string[]> Detail(string key, string? value) => new() { [key] = [value ?? string.Empty] };

    private static string? Shorten(string? value) => value is { Length: > 100 } ? value[..100] + "…" : value;
}
