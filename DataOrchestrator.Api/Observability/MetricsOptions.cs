namespace DataOrchestrator.Api.Observability;

/// <summary>The Prometheus scraping endpoint.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Serve <c>GET /metrics</c> (env <c>METRICS_ENABLED</c>). Off: no endpoint (404) and nothing is collected.</summary>
    public bool Enabled { get; set; } = true;
}
