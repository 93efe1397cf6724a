using System.Net;
using System.Text.Json;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>The outbound allow-lists through the real API: refused connector addresses and refused EDR endpoints.</summary>
public sealed class OutboundAllowListTests
{
    [Test]
    public async Task ShouldAnswer400AndStoreNothing_WhenTheConnectorAddressIsNotAllowed()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Outbound:ConnectorHosts"] = "consumer.example" });

        using var outside = await harness.PostAsync(harness.ExampleRequest("a"));
        using var metadata = await harness.PostAsync(new { data = new[] { new { counterPartyAddress = "http://provider/api/dsp", contractId = "a" } }, connectorAddress = "http://169.254.169.254/latest" });

        var body = JsonDocument.Parse(await outside.Content.ReadAsStringAsync()).RootElement;
        using var list = await harness.Client.GetAsync("/status");
        Assert.Multiple(async () =>
        {
            Assert.That(outside.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("details").GetProperty("connectorAddress")[0].GetString(), Is.EqualTo("Host 127.0.0.1 is not in ALLOWED_CONNECTOR_HOSTS."));
            Assert.That(metadata.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("response").GetProperty("orchestration_processes").EnumerateObject(), Is.Empty);
            Assert.That(harness.Simulator.State.Calls, Is.Empty, "nothing reached the connector");
        });
    }

    [Test]
    public async Task ShouldFailTheItemWithoutDownloading_WhenTheEdrNamesADataPlaneOutsideTheList()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Outbound:DataPlaneHosts"] = "dataplane.example" });

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("a")));

        var item = entry.GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(item.GetProperty("status").GetString(), Is.EqualTo("FAILED"));
            Assert.That(item.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo(ItemErrorCodes.EndpointNotAllowed));
            Assert.That(item.GetProperty("error").GetProperty("message").GetString(), Does.Contain("not in ALLOWED_DATA_PLANE_HOSTS"));
            Assert.That(harness.Simulator.State.Calls.Where(c => c.Path.StartsWith("/api/public", StringComparison.Ordinal)), Is.Empty, "the data plane was never called");
            Assert.That(harness.FilesOnDisk(), Is.Empty);
        });
    }
}
