using System.Diagnostics;

namespace DataOrchestrator.Api.Middleware;

/// <summary>
/// One line per request with method, path (never the query string), status and duration, inside the request's
/// <c>RequestId</c> scope. Probes and scrapes (<c>/health/*</c>, <c>/metrics</c>) come every few seconds, so they are
/// logged at DEBUG only and stay out of the INFO log.
/// </summary>
internal sealed partial class AccessLogMiddleware(RequestDelegate next, ILogger<AccessLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var path = context.Request.Path;
            var level = IsProbe(path) ? LogLevel.Debug : LogLevel.Information;
            if (logger.IsEnabled(level))
            {
                Completed(logger, level, context.Request.Method, path.Value ?? "/", context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Message = "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void Completed(ILogger logger, LogLevel level, string method, string path, int statusCode, double elapsedMs);
}
