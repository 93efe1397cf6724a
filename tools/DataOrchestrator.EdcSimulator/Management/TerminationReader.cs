using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Reads a TerminateTransfer body. v3 only needs <c>@context</c>; v4 checks it like EDC's transfer-terminate schema
/// (v2 context array, <c>@type</c> TerminateTransfer). The reason is optional in both.
/// </summary>
internal static class TerminationReader
{
    private static readonly ApiErrorDetail MissingContext =
        new("mandatory value '@context' is missing or it is blank", EdcError.ValidationFailure, "@context");

    public static async Task<(string? Reason, IReadOnlyList<ApiErrorDetail> Errors)> ReadAsync(
        HttpRequest request, string apiVersion, CancellationToken ct)
    {
        var root = await JsonBody.ReadAsync(request, ct);
        if (root is not { } body)
        {
            return (null, [JsonBody.NotJson]);
        }

        var isV4 = apiVersion == ManagementApiVersion.V4;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, [isV4 ? JsonBody.NotObject : MissingContext]);
        }

        var errors = new List<ApiErrorDetail>();
        if (isV4)
        {
            V4Schema.CheckEnvelope(body, "TerminateTransfer", errors);
        }
        else if (!body.TryGetProperty("@context", out _))
        {
            errors.Add(MissingContext);
        }

        var reason = body.TryGetProperty("reason", out var value) ? JsonTerms.AsString(value) : null;
        return (reason, errors);
    }
}
