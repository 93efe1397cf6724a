using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Transfers.Negotiation;

/// <summary>What the pipeline asks the consumer connector to negotiate: an offer of one provider.</summary>
public sealed record NegotiationStartRequest(string CounterPartyAddress, string CounterPartyId, string Protocol, ContractOffer Offer);
