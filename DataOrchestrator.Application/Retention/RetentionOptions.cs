using System.ComponentModel.DataAnnotations;

namespace DataOrchestrator.Application.Retention;

/// <summary>How long finished orchestrations and their files are kept, and how often the sweep looks for expired ones.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// Days a finished orchestration is kept after its last item finished (env <c>RETENTION_DAYS</c>); fractions allowed,
    /// 0 keeps everything forever.
    /// </summary>
    [Range(0.0, 36_500.0)]
    public double Days { get; set; } = 7;

    /// <summary>Seconds between sweeps (env <c>RETENTION_SWEEP_INTERVAL</c>).</summary>
    [Range(0.01, 86_400)]
    public double SweepIntervalSeconds { get; set; } = 600;

    /// <summary>Orchestrations removed per database round trip; a sweep repeats batches until nothing is due.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;

    public bool Enabled => Days > 0;

    public TimeSpan Retention => TimeSpan.FromDays(Days);

    public TimeSpan SweepInterval => TimeSpan.FromSeconds(SweepIntervalSeconds);
}
