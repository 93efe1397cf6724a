using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Outcome of reading a TransferRequest. The contract id is kept even for rejected requests so the
/// agreement's latency still applies and the call log can name it.
/// </summary>
internal sealed record TransferRequestReadResult(
    TransferRequestData? Request, string? ContractId, IReadOnlyList<ApiErrorDetail> Errors)
{
    public static TransferRequestReadResult Accepted(TransferRequestData request) =>
        new(request, request.ContractId, []);

    public static TransferRequestReadResult Rejected(string? contractId, params ApiErrorDetail[] errors) =>
        new(null, contractId, errors);
}
