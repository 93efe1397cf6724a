using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Validates a DatasetRequest the way EDC 0.18 does. v3: its DatasetRequestValidator (<c>@id</c> not blank;
/// protocol, counterPartyId and counterPartyAddress mandatory, terms compact, prefixed or as IRIs). v4: its
/// dataset-request-schema.json (v2 <c>@context</c>, <c>@type</c> DatasetRequest, <c>@id</c>, counterPartyAddress,
/// counterPartyId, protocol XOR profile).
/// </summary>
internal static class DatasetRequestReader
{
    public static async Task<(DatasetRequestData? Request, string? AssetId, IReadOnlyList<ApiErrorDetail> Errors)> ReadAsync(
        HttpRequest request, string apiVersion, CancellationToken ct)
    {
        var root = await JsonBody.ReadAsync(request, ct);
        if (root is not { } body)
        {
            return (null, null, [JsonBody.NotJson]);
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, null, [JsonBody.NotObject]);
        }

        var errors = new List<ApiErrorDetail>();
        var (assetId, address, counterPartyId, protocol) = apiVersion == ManagementApiVersion.V4 ? ReadV4(body, errors) : ReadV3(body, errors);
        return errors.Count > 0
            ? (null, assetId, errors)
            : (new DatasetRequestData(assetId!, address!, counterPartyId!, protocol!), assetId, []);
    }

    private static (string?, string?, string?, string?) ReadV3(JsonElement root, List<ApiErrorDetail> errors)
    {
        if (!root.TryGetProperty("@context", out var context) || context.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            errors.Add(new ApiErrorDetail("mandatory value '@context' is missing or it is blank", EdcError.ValidationFailure, "@context"));
        }

        // EDC's MandatoryIdNotBlank: "<path> cannot be null or blank".
        var assetId = JsonTerms.AsString(root.TryGetProperty("@id", out var id) ? id : null);
        if (string.IsNullOrWhiteSpace(assetId))
        {
            errors.Add(new ApiErrorDetail("@id cannot be null or blank", EdcError.ValidationFailure, "@id"));
            assetId = null;
        }

        var protocol = Mandatory(root, "protocol", errors);
        var counterPartyId = Mandatory(root, "counterPartyId", errors);
        var address = Mandatory(root, "counterPartyAddress", errors);
        return (assetId, address, counterPartyId, protocol);
    }

    private static (string?, string?, string?, string?) ReadV4(JsonElement root, List<ApiErrorDetail> errors)
    {
        V4Schema.CheckEnvelope(root, "DatasetRequest", errors);
        var assetId = V4Schema.Required(root, "@id", errors);
        var address = V4Schema.Required(root, "counterPartyAddress", errors);
        var counterPartyId = V4Schema.Required(root, "counterPartyId", errors);
        var protocol = V4Schema.ExactlyOneOf(root, "protocol", "profile", errors);
        return (assetId, address, counterPartyId, protocol);
    }

    private static string? Mandatory(JsonElement root, string term, List<ApiErrorDetail> errors)
    {
        var value = JsonTerms.AsString(JsonTerms.FindEdc(root, term));
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        var iri = JsonLdContext.EdcNamespace + term;
        errors.Add(new ApiErrorDetail($"mandatory value '{iri}' is missing or it is blank", EdcError.ValidationFailure, iri));
        return null;
    }
}
