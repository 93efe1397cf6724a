using System.Text.Json;
using System.Text.Json.Serialization;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>
/// Writes a status by its wire name (<see cref="StatusNames"/>). A <see cref="JsonStringEnumConverter{TEnum}"/>, so the
/// OpenAPI generator describes the property as a string enum; the Api's schema processor fills in the names.
/// </summary>
public sealed class WireNameConverter<TEnum>() : JsonStringEnumConverter<TEnum>(WireNamePolicy.Instance)
    where TEnum : struct, Enum
{
    private sealed class WireNamePolicy : JsonNamingPolicy
    {
        public static WireNamePolicy Instance { get; } = new();

        public override string ConvertName(string name) => StatusNames.Of(name);
    }
}
