using System.Text.Json;
using DataOrchestrator.Application.Transfers.Catalog.Policies;

namespace DataOrchestrator.Tests.Unit.Application.Transfers.Catalog;

/// <summary>JSON for the policy tests: elements that outlive their document, and allow-lists of given policies.</summary>
internal static class PolicyJson
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>An allow-list file holding <paramref name="policies"/> as its global policies.</summary>
    public static PolicyAllowList Global(params string[] policies) => PolicyAllowList.Parse($$"""{"policies": [{{string.Join(",", policies)}}]}""", "test.json");
}
