using System.Net;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.Tests.Support.Dps;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// An item's <c>path</c> and <c>query</c> (Tractus-X proxy path and query parameters) through the real service: the
/// data plane is asked for the endpoint plus the path, with the query after the endpoint's own, and status shows both.
/// </summary>
public sealed class ItemPathQueryTests
{
    private const string Agreement = "api-agreement-1";
    private const string ProviderDsp = "http://provider-qna-controlplane:8082/api/dsp";

    private static object Item(string contractId, string? path, Dictionary<string, string>? query = null) =>
        new { type = "edc-asset", counterPartyAddress = ProviderDsp, contractId, path, query };

    private static RecordedCall[] DataPlaneCalls(ServiceHarness harness) =>
        harness.Simulator.State.Calls.Where(c => c.Path.StartsWith("/api/public", StringComparison.Ordinal)).ToArray();

    [Test]
    public async Task ShouldDownloadEachItemsOwnPathAndQuery_WhenItemsShareOneAgreement()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var body = new
        {
            data = new[]
            {
                Item(Agreement, "parts/42/report", new Dictionary<string, string> { ["lang"] = "de", ["q"] = "a b" }),
                Item(Agreement, "/parts/43"),
            },
            connectorAddress = harness.Simulator.ConnectorAddress,
        };

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(body));

        var items = entry.GetProperty("items").EnumerateArray().ToArray();
        var calls = DataPlaneCalls(harness);
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
            Assert.That(items.Select(i => i.GetProperty("status").GetString()), Is.All.EqualTo("SAVED"));
            Assert.That(items.Select(i => i.GetProperty("transfer_id").GetString()), Is.Unique, "one transfer per item, agreement shared");
            Assert.That(harness.FilesOnDisk(), Has.Length.EqualTo(2));
            Assert.That(
                calls.Select(c => c.Path + c.Query),
                Is.EquivalentTo(new[] { "/api/public/parts/42/report?lang=de&q=a%20b", "/api/public/parts/43" }));
            Assert.That(calls.Select(c => c.StatusCode), Is.All.EqualTo(200));

            Assert.That(items[0].GetProperty("path").GetString(), Is.EqualTo("parts/42/report"));
            Assert.That(items[0].GetProperty("query").ToString(), Is.EqualTo("""{"lang":"de","q":"a b"}"""));
            Assert.That(items[1].GetProperty("path").GetString(), Is.EqualTo("/parts/43"), "shown as it was sent");
            Assert.That(items[1].GetProperty("query").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task ShouldAppendThePathAfterTheRewrite_AndLetTheAllowListSeeTheFinalUrl()
    {
        const string InCluster = "http://provider-qna-dataplane.invalid:11002";
        await using var harness = await ServiceHarness.StartAsync(
            new Dictionary<string, string?> { ["Outbound:DataPlaneHosts"] = "127.0.0.1" },
            simulatorSettings: simulator => new Dictionary<string, string?>
            {
                ["Edc:EndpointRewrites"] = $"{InCluster}/api/public={simulator.BaseAddress.GetLeftPart(UriPartial.Authority)}/api/public",
            });
        harness.Simulator.State.PublicEndpointOverride = $"{InCluster}/api/public?tenant=t1";
        var body = new { data = new[] { Item("a", "parts/42", new Dictionary<string, string> { ["lang"] = "de" }) }, connectorAddress = harness.Simulator.ConnectorAddress };

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(body));

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
            Assert.That(DataPlaneCalls(harness).Select(c => c.Path + c.Query), Is.EqualTo(new[] { "/api/public/parts/42?tenant=t1&lang=de" }));
        });
    }

    [TestCase("""{"path":"http://evil.example/x"}""", "data[0].path")]
    [TestCase("""{"path":"../secret"}""", "data[0].path")]
    [TestCase("""{"path":"a/%2e%2e/b"}""", "data[0].path")]
    [TestCase("""{"path":"a?x=1"}""", "data[0].path")]
    [TestCase("""{"path":42}""", "data[0].path")]
    [TestCase("""{"query":{"n":1}}""", "data[0].query.n")]
    [TestCase("""{"query":["a"]}""", "data[0].query")]
    [TestCase("""{"query":{"":"v"}}""", "data[0].query")]
    [TestCase("""{"query":{"a":null}}""", "data[0].query")]
    public async Task ShouldAnswer400NamingTheField_AndStartNothing_WhenPathOrQueryIsBad(string fields, string field)
    {
        await using var harness = await ServiceHarness.StartAsync();
        var item = $$"""{"type":"edc-asset","counterPartyAddress":"{{ProviderDsp}}","contractId":"c",{{fields[1..^1]}}}""";
        using var content = new StringContent($$"""{"data":[{{item}}],"connectorAddress":"{{harness.Simulator.ConnectorAddress}}"}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await harness.Client.PostAsync("/orchestrate", content);

        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        using var list = await harness.Client.GetAsync("/status");
        var stored = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("response").GetProperty("orchestration_processes");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), answer.ToString());
            Assert.That(answer.GetProperty("status").GetString(), Is.EqualTo("ERROR"));
            Assert.That(answer.GetProperty("details").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { field }), answer.ToString());
            Assert.That(stored.EnumerateObject(), Is.Empty, "no orchestration");
            Assert.That(harness.Simulator.State.Calls, Is.Empty, "nothing reached the connector");
        });
    }

    [Test]
    public async Task ShouldDownloadThePathAndQuery_FromADataPlaneSignalingAddress()
    {
        await using var harness = await DpsHarness.StartAsync();
        var body = new
        {
            data = new[] { Item("contract-1", "parts/42/report", new Dictionary<string, string> { ["q"] = "a b", ["lang"] = "de" }) },
            connectorAddress = harness.ControlPlane.BaseAddress,
        };

        var entry = await harness.WaitForFinalAsync(await harness.Service.SubmitAsync(body));

        var transferId = entry.GetProperty("items")[0].GetProperty("transfer_id").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
            Assert.That(harness.ControlPlane.DataRequests, Is.EqualTo(new[] { $"/data/{transferId}/parts/42/report?lang=de&q=a%20b" }));
        });
    }
}
