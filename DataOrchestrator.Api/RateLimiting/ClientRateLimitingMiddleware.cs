using System.Globalization;
using System.Threading.RateLimiting;
using DataOrchestrator.Api.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace DataOrchestrator.Api.RateLimiting;

/// <summary>
/// Takes a permit from the per-client limiter for each request, except on endpoints marked
/// <c>DisableRateLimiting</c>; without one: 429 in the error envelope with <c>Retry-After</c>. Stands in for ASP.NET
/// Core's <c>UseRateLimiter()</c>, whose middleware starts a limiter of its own that it never disposes (ADR 0010).
/// </summary>
internal sealed class ClientRateLimitingMiddleware(RequestDelegate next, PartitionedRateLimiter<HttpContext> limiter)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is not null)
        {
            await next(context);
            return;
        }

        // The buckets queue nothing (QueueLimit 0): a permit is there now or the request is refused.
        using var lease = limiter.AttemptAcquire(context);
        if (lease.IsAcquired)
        {
            await next(context);
            return;
        }

        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await response.WriteAsJsonAsync(ErrorResponses.TooManyRequests(seconds), context.RequestAborted);
    }
}
