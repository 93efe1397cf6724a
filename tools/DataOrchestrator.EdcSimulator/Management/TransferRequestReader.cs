using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Validates a TransferRequest the way EDC does. v3: mandatory values with messages naming the expanded IRI, terms
/// accepted compact, "edc:"-prefixed or as full IRIs (all three expand alike). v4: EDC's JSON schema
/// (<see cref="V4Schema"/>), where dataDestination is optional (HttpData-PULL needs none). With Data Plane Signaling
/// the transferType is opaque (any string, matched against the registered data planes) and v4's
/// <c>dataplaneMetadata</c> labels and properties are kept. <c>privateProperties</c> are kept in both versions
/// (<see cref="PrivatePropertiesReader"/>).
/// </summary>
internal static class TransferRequestReader
{
    public const string PullTransferType = "HttpData-PULL";

    // EDC gives PULL transfers an HttpProxy destination when the request names none.
    private static readonly JsonElement DefaultDataDestination = JsonSerializer.SerializeToElement(
        new Dictionary<string, string> { ["@type"] = "DataAddress", ["type"] = "HttpProxy" });

    public static async Task<TransferRequestReadResult> ReadAsync(
        HttpRequest request, string apiVersion, bool dps, CancellationToken ct)
    {
        var root = await JsonBody.ReadAsync(request, ct);
        if (root is not { } body)
        {
            return TransferRequestReadResult.Rejected(null, JsonBody.NotJson);
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return TransferRequestReadResult.Rejected(null, JsonBody.NotObject);
        }

        return apiVersion == ManagementApiVersion.V4 ? ReadV4(body, dps) : ReadV3(body);
    }

    private static TransferRequestReadResult ReadV3(JsonElement root)
    {
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
        var connectorId = JsonTerms.AsString(JsonTerms.FindEdc(root, "connectorId"));
        var privateProperties = PrivatePropertiesReader.Read(JsonTerms.FindEdc(root, "privateProperties"), ManagementApiVersion.V3, errors);
        return errors.Count > 0
            ? TransferRequestReadResult.Rejected(contractId, [.. errors])
            : Accept(new TransferRequestData(
                contractId!, counterPartyAddress!, protocol!, transferType!, connectorId, destination, privateProperties, RequestedId(root)));
    }

    private static TransferRequestReadResult ReadV4(JsonElement root, bool dps)
    {
        var errors = new List<ApiErrorDetail>();
        V4Schema.CheckEnvelope(root, "TransferRequest", errors);
        var counterPartyAddress = V4Schema.Required(root, "counterPartyAddress", errors);
        var contractId = V4Schema.Required(root, "contractId", errors);
        var transferType = V4Schema.Required(root, "transferType", errors);
        var protocol = V4Schema.ExactlyOneOf(root, "protocol", "profile", errors);
        var destination = ReadDataDestination(root, errors);
        var connectorId = V4Schema.Optional(root, "connectorId");
        var privateProperties = PrivatePropertiesReader.Read(
            root.TryGetProperty("privateProperties", out var properties) ? properties : null, ManagementApiVersion.V4, errors);
        if (errors.Count > 0)
        {
            return TransferRequestReadResult.Rejected(contractId, [.. errors]);
        }

        var data = new TransferRequestData(
            contractId!, counterPartyAddress!, protocol!, transferType!, connectorId, destination, privateProperties, RequestedId(root));
        return dps ? TransferRequestReadResult.Accepted(WithDataplaneMetadata(data, root)) : Accept(data);
    }

    private static TransferRequestReadResult Accept(TransferRequestData data)
    {
        if (data.TransferType != PullTransferType)
        {
            return TransferRequestReadResult.Rejected(data.ContractId, new ApiErrorDetail(
                $"Unsupported transferType '{data.TransferType}': the simulator serves {PullTransferType} only",
                EdcError.InvalidRequest,
                JsonLdContext.EdcNamespace + "transferType",
                data.TransferType));
        }

        return TransferRequestReadResult.Accepted(data);
    }

    // dataplaneMetadata {labels:[…], properties:{…}} selects the data plane and becomes prepare's labels / metadata.
    private static TransferRequestData WithDataplaneMetadata(TransferRequestData data, JsonElement root)
    {
        if (!root.TryGetProperty("dataplaneMetadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return data with { Labels = [] };
        }

        var labels = metadata.TryGetProperty("labels", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(label => JsonTerms.AsString(label)).OfType<string>().ToArray()
            : [];
        var properties = metadata.TryGetProperty("properties", out var map) && map.ValueKind == JsonValueKind.Object
            ? map
            : (JsonElement?)null;
        return data with { Labels = labels, DataplaneProperties = properties };
    }

    // The process id in EDC 0.16 and earlier (TransferIds "client"); EDC 0.17+ ignores it.
    private static string? RequestedId(JsonElement root) =>
        root.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value
            ? value
            : null;

    private static string? Mandatory(JsonElement root, string term, List<ApiErrorDetail> errors)
    {
        var value = JsonTerms.AsString(JsonTerms.FindEdc(root, term));
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
        if (JsonTerms.FindEdc(root, "dataDestination") is not { } destination
            || destination.ValueKind == JsonValueKind.Null)
        {
            return DefaultDataDestination;
        }

        var type = JsonTerms.AsString(JsonTerms.FindEdc(destination, "type"));
        if (string.IsNullOrWhiteSpace(type))
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

    private static ApiErrorDetail Missing(string name, string path) =>
        new($"mandatory value '{name}' is missing or it is blank", EdcError.ValidationFailure, path);
}
