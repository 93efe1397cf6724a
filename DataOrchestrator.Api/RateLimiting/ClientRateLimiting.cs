using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using DataOrchestrator.Api.Authentication;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Api.RateLimiting;

/// <summary>
/// A token bucket per client key (System.Threading.RateLimiting, applied by <see cref="ClientRateLimitingMiddleware"/>): requests authenticated with a key share that key's
/// bucket, identified by the key's SHA-256 (the key itself is never kept); any other request uses its remote
/// address's bucket, so random keys cannot each get a fresh one. Over the limit: 429 in the error envelope with
/// <c>Retry-After</c>. Endpoints marked <c>DisableRateLimiting</c> (the health probes) are never limited.
/// </summary>
internal static class ClientRateLimiting
{
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // A partitioned limiter runs a timer until it is disposed; as a singleton it is disposed with the host.
        services.AddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            return PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, settings));
        });
        return services;
    }

    /// <summary>After authentication, which tells a client's key from an arbitrary header value.</summary>
    public static WebApplication UseClientRateLimiting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled)
        {
            app.UseMiddleware<ClientRateLimitingMiddleware>();
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
}
