namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>A DPS transfer: the transfer type and the labels the consumer connector selects its data plane by.</summary>
public sealed record DataPlaneSelection(string TransferType, IReadOnlyList<string> Labels);
