using System.ComponentModel.DataAnnotations;

namespace DataOrchestrator.Application.Orchestrations.Submit;

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

    /// <summary>
    /// How deeply a JSON body may nest (env <c>MAX_JSON_DEPTH</c>); deeper → 400. At most 64, so that an offer's
    /// policy, embedded two levels down in the contract request, stays within what the EDC client serializes.
    /// </summary>
    [Range(16, 64)]
    public int MaxJsonDepth { get; set; } = 32;
}
