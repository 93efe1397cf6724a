namespace DataOrchestrator.Application.Transfers.Negotiation;

/// <summary>What a contract negotiation came to: the agreement id once FINALIZED, EDC's error detail once TERMINATED.</summary>
public sealed record NegotiationOutcome(string? ContractAgreementId, string? ErrorDetail);
