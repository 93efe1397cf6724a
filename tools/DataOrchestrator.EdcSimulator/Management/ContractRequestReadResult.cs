using DataOrchestrator.EdcSimulator.Negotiations;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Outcome of reading a ContractRequest. The offer id is kept even for rejected requests so the offer's latency
/// still applies and the call log can name it.
/// </summary>
internal sealed record ContractRequestReadResult(
    ContractRequestData? Request, string? OfferId, IReadOnlyList<ApiErrorDetail> Errors)
{
    public static ContractRequestReadResult Accepted(ContractRequestData request) =>
        new(request, request.OfferId, []);

    public static ContractRequestReadResult Rejected(string? offerId, IReadOnlyList<ApiErrorDetail> errors) =>
        new(null, offerId, errors);
}
