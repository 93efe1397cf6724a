using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// Body of <c>POST /{v3|v4}/contractnegotiations</c>. Its <c>@context</c> is an object in v3 (as 3.1.3 declares it)
/// and an array in v4, hence a JSON element.
/// </summary>
internal sealed record ContractRequestDto(
    [property: JsonPropertyName("@context")] JsonElement Context,
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("counterPartyAddress")] string CounterPartyAddress,
    [property: JsonPropertyName("counterPartyId")] string CounterPartyId,
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("policy")] JsonElement Policy);
