namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>An entry of Tractus-X EDC's EDR cache: the transfer whose EDR can be fetched again (<c>/v3/edrs/{id}/dataaddress</c>).</summary>
/// <param name="TransferProcessId">The transfer the EDR belongs to.</param>
/// <param name="AgreementId">The contract agreement of that transfer.</param>
/// <param name="AssetId">The asset of that transfer.</param>
/// <param name="CreatedAt">Epoch milliseconds; the newest usable one is reused.</param>
public sealed record HeldEdr(string TransferProcessId, string? AgreementId, string? AssetId, long CreatedAt);
