namespace DataOrchestrator.Application.Orchestrations.Submit;

/// <summary>A <c>POST /orchestrate</c> as its handler takes it: the body, and the <c>Idempotency-Key</c> header if one was sent.</summary>
public sealed record SubmitOrchestration(OrchestrateRequest Request, string? IdempotencyKey);
