using System.Text.RegularExpressions;

namespace DataOrchestrator.Api.Middleware;

/// <summary>
/// Gives every request an id: the caller's <c>X-Request-Id</c> when it is a sane token, else a new one. It is echoed in
/// the response and carried by every log line the request causes (the <c>RequestId</c> scope).
/// </summary>
internal sealed partial class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string HeaderName = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var given = context.Request.Headers[HeaderName].ToString();
        var id = SaneId().IsMatch(given) ? given : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = id;
            return Task.CompletedTask;
        });

        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = id }))
        {
            await next(context);
        }
    }

    // Printable, no separators that could forge log fields or headers; long enough for a UUID or a W3C trace id.
    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex SaneId();
}
