using System.ComponentModel.DataAnnotations;

namespace DataOrchestrator.Application.Orchestrations.Submit;

/// <summary>How long an <c>Idempotency-Key</c> keeps returning its first orchestration.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>Hours a key is remembered (env <c>IDEMPOTENCY_KEY_TTL_HOURS</c>); afterwards the same key starts a new orchestration.</summary>
    [Range(0.0001, 8760)]
    public double KeyTtlHours { get; set; } = 24;

    public TimeSpan KeyTtl => TimeSpan.FromHours(KeyTtlHours);
}
