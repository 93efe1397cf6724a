using System.ComponentModel.DataAnnotations;

namespace DataOrchestrator.Api.RateLimiting;

/// <summary>The request rate each client key (or, without a valid key, each remote address) may use, per instance.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";

    /// <summary>Sustained requests per second (env <c>RATE_LIMIT_PER_SECOND</c>); 0 turns rate limiting off.</summary>
    [Range(0, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests that may come at once after a quiet spell: the token bucket's size (env <c>RATE_LIMIT_BURST</c>).</summary>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 400;

    public bool Enabled => PermitsPerSecond > 0;
}
