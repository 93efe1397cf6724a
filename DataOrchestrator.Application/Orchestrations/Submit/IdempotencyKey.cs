namespace DataOrchestrator.Application.Orchestrations.Submit;

/// <summary>
/// A client's <c>Idempotency-Key</c> with the fingerprint (SHA-256) of the request it came with, kept until
/// <see cref="ExpiresAt"/>: the same key and fingerprint mean the same submission.
/// </summary>
public sealed record IdempotencyKey(string Key, string Fingerprint, DateTimeOffset ExpiresAt);
