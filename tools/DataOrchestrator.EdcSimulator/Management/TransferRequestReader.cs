using System.Text.Json;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Validates a TransferRequest the way EDC does (mandatory values, messages naming the expanded IRI).
/// Terms are accepted compact, "edc:"-prefixed or as full IRIs, since all three expand alike in EDC.
/// </summary>
internal static class TransferRequestReader
{
    public const string PullTransferType = "HttpData-PULL";

    // EDC gives PULL transfers an HttpProxy destination when the request names none.
    private static readonly JsonElement DefaultDataDestination = JsonSerializer.SerializeToElement(
        new Dictionary<string, string> { ["@type"] = "DataAddress", ["type"] = "HttpProxy" });

    public static async Task<TransferRequestReadResult> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, ct);
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return TransferRequestReadResult.Rejected(
                null, new ApiErrorDetail("Request body is not a valid JSON document", EdcError.InvalidRequest));
        }
    }

    private static TransferRequestReadResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return TransferRequestReadResult.Rejected(
                null, new ApiErrorDetail("Request body must be a JSON object", EdcError.ValidationFailure));
        }

        var errors = new List<ApiErrorDetail>();
        if (!root.TryGetProperty("@context", out _))
        {
            errors.Add(Missing("@context", "@context"));
        }

        var counterPartyAddress = Mandatory(root, "counterPartyAddress", errors);
        var contractId = Mandatory(root, "contractId", errors);
        var protocol = Mandatory(root, "protocol", errors);
        var transferType = Mandatory(root, "transferType", errors);
        var destination = ReadDataDestination(root, errors);
        if (errors.Count > 0)
        {
            return TransferRequestReadResult.Rejected(contractId, [.. errors]);
        }

        if (transferType != PullTransferType)
        {
            return TransferRequestReadResult.Rejected(contractId, new ApiErrorDetail(
                $"Unsupported transferType '{transferType}': the simulator serves {PullTransferType} only",
                EdcError.InvalidRequest,
                JsonLdContext.EdcNamespace + "transferType",
                transferType));
        }

        var connectorId = Find(root, "connectorId") is { ValueKind: JsonValueKind.String } id ? id.GetString() : null;
        return TransferRequestReadResult.Accepted(new TransferRequestData(
            contractId!, counterPartyAddress!, protocol!, transferType, connectorId, destination));
    }

    private static string? Mandatory(JsonElement root, string term, List<ApiErrorDetail> errors)
    {
        var value = Find(root, term) is { ValueKind: JsonValueKind.String } element ? element.GetString() : null;
        if (string.IsNullOrWhiteSpace(value))
        {
            var iri = JsonLdContext.EdcNamespace + term;
            errors.Add(Missing(iri, iri));
            return null;
        }

        return value;
    }

    private static JsonElement ReadDataDestination(JsonElement root, List<ApiErrorDetail> errors)
    {
        if (Find(root, "dataDestination") is not { } destination || destination.ValueKind == JsonValueKind.Null)
        {
            return DefaultDataDestination;
        }

        var type = destination.ValueKind == JsonValueKind.Object ? Find(destination, "type") : null;
        if (type is not { ValueKind: JsonValueKind.String } || string.IsNullOrWhiteSpace(type.Value.GetString()))
        {
            errors.Add(Missing(JsonLdContext.EdcNamespace + "type", JsonLdContext.EdcNamespace + "dataDestination"));
            return DefaultDataDestination;
        }

        // Echoed back on GET, where the spec requires @type on a DataAddress (MVD's requests omit it).
        var normalised = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["@type"] = JsonSerializer.SerializeToElement("DataAddress"),
        };
        foreach (var property in destination.EnumerateObject())
        {
            normalised[property.Name] = property.Value;
        }

        return JsonSerializer.SerializeToElement(normalised);
    }

    private static JsonElement? Find(JsonElement element, string term) =>
        element.TryGetProperty(term, out var value)
        || element.TryGetProperty("edc:" + term, out value)
        || element.TryGetProperty(JsonLdContext.EdcNamespace + term, out value)
            ? value
            : null;

    private static ApiErrorDetail Missing(string name, string path) =>
        new($"mandatory value '{name}' is missing or it is blank", EdcError.ValidationFailure, path);
}
