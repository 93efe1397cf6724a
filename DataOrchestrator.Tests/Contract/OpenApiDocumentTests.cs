using System.Text.Json;
using System.Text.Json.Nodes;
using DataOrchestrator.Tests.Support;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Contract;

/// <summary>docs/openapi.json is the document the built service serves, never an edited copy.</summary>
public sealed class OpenApiDocumentTests
{
    private const string RefreshHint = "docs/openapi.json differs from the document the service serves. Refresh it with: scripts/update-openapi.sh";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Test]
    public async Task ShouldMatchTheDocumentTheServiceServes()
    {
        await using var harness = await ServiceHarness.StartAsync();
        using var client = harness.CreateClient();
        var served = Normalize(await client.GetStringAsync("/swagger/v1/swagger.json"));

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(RepositoryPaths.OpenApiDocument, served);
        }

        Assert.That(File.Exists(RepositoryPaths.OpenApiDocument), Is.True, RefreshHint);
        Assert.That(Normalize(await File.ReadAllTextAsync(RepositoryPaths.OpenApiDocument)), Is.EqualTo(served), RefreshHint);
    }

    [Test]
    public async Task ShouldDescribeTheWireFormat()
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryPaths.OpenApiDocument));
        var root = document.RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString(), Is.EqualTo("X-Api-Key"));
            Assert.That(schemas.GetProperty("ErrorResponse").GetProperty("properties").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "message", "status", "status_code", "details" }));
            Assert.That(schemas.GetProperty("ItemStatusDto").GetProperty("enum").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[]
            {
                "QUEUED", "WAITING_FOR_CONNECTOR", "CATALOG_REQUESTED", "NEGOTIATION_REQUESTED", "NEGOTIATED", "TRANSFER_REQUESTED", "TRANSFER_STARTED", "DATA_ADDRESS_RETRIEVED", "DOWNLOADING", "SAVED", "FAILED", "CANCELLED",
            }));
            Assert.That(schemas.GetProperty("ProcessStatusDto").GetProperty("enum").EnumerateArray().Select(e => e.GetString()), Does.Contain("PARTIALLY_COMPLETED"));
            Assert.That(schemas.GetProperty("OrchestrationStatusDto").GetProperty("properties").GetProperty("created_at").GetProperty("example").GetString(), Is.EqualTo("2025-05-22T13:18:03.627937+00:00"));
            var statusParameters = root.GetProperty("paths").GetProperty("/status").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
            Assert.That(statusParameters, Is.EqualTo(new[] { "limit", "cursor", "status", "created_after", "created_before" }));
        });
    }

    private static string Normalize(string json) => JsonNode.Parse(json)!.ToJsonString(Indented) + "\n";
}
