using System.ComponentModel.DataAnnotations;

namespace DataOrchestrator.Application.Orchestrations;

/// <summary>Bounds on what one POST /orchestrate may carry.</summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "Limits";

    [Range(1, 100_000)]
    public int MaxItemsPerRequest { get; set; } = 1000;

    [Range(1024, 1L << 30)]
    public long MaxBodyBytes { get; set; } = 1L << 20;

    [Range(16, 65_536)]
    public int MaxStringLength { get; set; } = 2048;
}
