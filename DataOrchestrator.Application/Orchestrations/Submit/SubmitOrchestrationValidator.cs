using FluentValidation;

namespace DataOrchestrator.Application.Orchestrations.Submit;

/// <summary>The body's rules (<see cref="OrchestrateRequestValidator"/>) and the Idempotency-Key's, in one validation.</summary>
public sealed class SubmitOrchestrationValidator : AbstractValidator<SubmitOrchestration>
{
    public const int MaxIdempotencyKeyLength = 255;
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public SubmitOrchestrationValidator(IValidator<OrchestrateRequest> request)
    {
        // No name of its own: the body's failures keep their wire names (data[0].contractId), as the body validator gives them.
        RuleFor(s => s.Request).SetValidator(request).OverridePropertyName(string.Empty);

        RuleFor(s => s.IdempotencyKey!)
            .Must(key => key.Length is > 0 and <= MaxIdempotencyKeyLength && key.All(c => c is >= '!' and <= '~'))
            .WithMessage($"Must be 1 to {MaxIdempotencyKeyLength} printable ASCII characters.")
            .OverridePropertyName(IdempotencyKeyHeader)
            .When(s => s.IdempotencyKey is not null);
    }
}
