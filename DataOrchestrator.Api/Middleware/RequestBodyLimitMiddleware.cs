using DataOrchestrator.Api.Errors;
using DataOrchestrator.Application.Orchestrations.Submit;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Api.Middleware;

/// <summary>
/// Applies <c>Limits:MaxBodyBytes</c>: a declared oversize body is refused before it is read; a chunked one is cut off
/// by the server's body size limit, which this sets per request (or, where the server has none, by a counting stream).
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var max = options.Value.MaxBodyBytes;
        if (context.Request.ContentLength > max)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.Response.WriteAsJsonAsync(ErrorResponses.BodyTooLarge(context), context.RequestAborted);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }
        else
        {
            context.Request.Body = new LimitedRequestBodyStream(context.Request.Body, max);
        }

        await next(context);
    }
}
