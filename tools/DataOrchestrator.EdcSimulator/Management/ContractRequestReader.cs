using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Negotiations;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Validates a ContractRequest the way EDC does. v3: <c>@context</c> (object or array), counterPartyAddress, protocol
/// and a policy with <c>@id</c>, assigner and target; edc and odrl terms accepted compact, prefixed or as full IRIs.
/// v4: EDC's contract-request JSON schema (<see cref="V4Schema"/>): protocol XOR profile, policy with
/// <c>@id</c>, <c>@type</c>, assigner and target.
/// </summary>
internal static class ContractRequestReader
{
    private const string PolicyIri = JsonLdContext.EdcNamespace + "policy";

    public static async Task<ContractRequestReadResult> ReadAsync(
        HttpRequest request, string apiVersion, CancellationToken ct)
    {
        var root = await JsonBody.ReadAsync(request, ct);
        if (root is not { } body)
        {
            return ContractRequestReadResult.Rejected(null, [JsonBody.NotJson]);
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return ContractRequestReadResult.Rejected(null, [JsonBody.NotObject]);
        }

        return apiVersion == ManagementApiVersion.V4 ? ReadV4(body) : ReadV3(body);
    }

    private static ContractRequestReadResult ReadV3(JsonElement root)
    {
        var errors = new List<ApiErrorDetail>();
        if (!root.TryGetProperty("@context", out var context)
            || context.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            errors.Add(Missing("@context", "@context"));
        }

        var counterPartyAddress = MandatoryEdc(root, "counterPartyAddress", errors);
        var protocol = MandatoryEdc(root, "protocol", errors);
        var counterPartyId = JsonTerms.AsString(JsonTerms.FindEdc(root, "counterPartyId"));
        string? offerId = null, assigner = null, target = null;
        var policy = JsonTerms.FindEdc(root, "policy");
        if (policy is not { ValueKind: JsonValueKind.Object } offer)
        {
            errors.Add(Missing(PolicyIri, PolicyIri));
        }
        else
        {
            offerId = Mandatory(JsonTerms.AsString(Property(offer, "@id")), "@id", errors);
            assigner = Mandatory(JsonTerms.AsStringOrId(JsonTerms.FindOdrl(offer, "assigner")), OdrlIri("assigner"), errors);
            target = Mandatory(JsonTerms.AsStringOrId(JsonTerms.FindOdrl(offer, "target")), OdrlIri("target"), errors);
        }

        return Result(offerId, target, counterPartyAddress, counterPartyId ?? assigner, protocol, policy, errors);
    }

    private static ContractRequestReadResult ReadV4(JsonElement root)
    {
        var errors = new List<ApiErrorDetail>();
        V4Schema.CheckEnvelope(root, "ContractRequest", errors);
        var counterPartyAddress = V4Schema.Required(root, "counterPartyAddress", errors);
        var protocol = V4Schema.ExactlyOneOf(root, "protocol", "profile", errors);
        var counterPartyId = V4Schema.Optional(root, "counterPartyId");
        string? offerId = null, assigner = null, target = null;
        if (!root.TryGetProperty("policy", out var policy))
        {
            errors.Add(V4Schema.MissingProperty("$", "policy"));
        }
        else if (policy.ValueKind != JsonValueKind.Object)
        {
            errors.Add(V4Schema.WrongType("$.policy", policy, "object"));
        }
        else
        {
            offerId = V4Schema.Required(policy, "@id", errors, "$.policy");
            V4Schema.Required(policy, "@type", errors, "$.policy");
            assigner = V4Schema.Required(policy, "assigner", errors, "$.policy");
            target = V4Schema.Required(policy, "target", errors, "$.policy");
        }

        return Result(offerId, target, counterPartyAddress, counterPartyId ?? assigner, protocol, policy, errors);
    }

    private static ContractRequestReadResult Result(
        string? offerId,
        string? assetId,
        string? counterPartyAddress,
        string? counterPartyId,
        string? protocol,
        JsonElement? policy,
        List<ApiErrorDetail> errors) =>
        errors.Count > 0
            ? ContractRequestReadResult.Rejected(offerId, errors)
            : ContractRequestReadResult.Accepted(
                new ContractRequestData(offerId!, assetId!, counterPartyAddress!, counterPartyId!, protocol!, policy!.Value));

    private static string? MandatoryEdc(JsonElement root, string term, List<ApiErrorDetail> errors) =>
        Mandatory(JsonTerms.AsString(JsonTerms.FindEdc(root, term)), JsonLdContext.EdcNamespace + term, errors);

    private static string? Mandatory(string? value, string name, List<ApiErrorDetail> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(Missing(name, name == "@id" ? PolicyIri : name));
            return null;
        }

        return value;
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : null;

    private static string OdrlIri(string term) => JsonLdContext.OdrlNamespace + term;

    private static ApiErrorDetail Missing(string name, string path) =>
        new($"mandatory value '{name}' is missing or it is blank", EdcError.ValidationFailure, path);
}
