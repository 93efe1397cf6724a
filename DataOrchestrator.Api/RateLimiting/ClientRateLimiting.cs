using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using DataOrchestrator.Api.Authentication;
using DataOrchestrator.Api.Errors;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Api.RateLimiting;

/// <summary>
/// A token bucket per client key (ASP.NET Core's rate limiter): requests authenticated with a key share that key's
/// bucket, identified by the key's SHA-256 (the key itself is never kept); any other request uses its remote
/// address's bucket, so random keys cannot each get a fresh one. Over the limit: 429 in the error envelope with
/// <c>Retry-After</c>. Endpoints marked <c>DisableRateLimiting</c> (the health probes) are never limited.
/// </summary>
internal static class ClientRateLimiting
{
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, settings) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, settings.Value));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>After authentication, which tells a client's key from an arbitrary header value.</summary>
    public static WebApplication UseClientRateLimiting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    internal static string PartitionKey(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && context.Request.Headers[ApiKeyAuthenticationHandler.HeaderName] is [{ } key])
        {
            return "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }

        return "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions settings) =>
        RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = settings.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        var response = rejected.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await response.WriteAsJsonAsync(ErrorResponses.TooManyRequests(seconds), cancellationToken);
    }
}
