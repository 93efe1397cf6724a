using System.Text.Json;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// An edc-catalog item whose held agreement the connector lists but no longer transfers under (a stale agreement:
/// scripted in the simulator, its transfers refused with EDC's 400) negotiates its offer instead and still saves.
/// </summary>
public sealed class StaleAgreementTests
{
    private const string Provider = "did:web:provider";

    [Test]
    [CancelAfter(60_000)]
    public async Task ShouldNegotiateTheOffer_AndSave_WhenTheReusedAgreementIsRefused(CancellationToken cancellationToken)
    {
        await using var harness = await ServiceHarness.StartAsync();
        var state = harness.Simulator.State;
        var plain = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["@id"] = "offer-1", ["permission"] = new[] { new { action = "use" } } });
        state.SetDataset("asset-1", new DatasetBehaviour { Offers = [plain] });
        state.AddAgreement("agreement-stale", new ScriptedAgreement { AssetId = "asset-1", ProviderId = Provider, Policy = plain });
        state.SetBehaviour("agreement-stale", new() { RejectTransfer = new() });
        object Item() => new { type = "edc-catalog", counterPartyAddress = "http://provider:8082/api/dsp", counterPartyId = Provider, assetId = "asset-1" };

        var entry = await harness.WaitForFinalAsync(
            await harness.SubmitAsync(new { data = new[] { Item(), Item() }, connectorAddress = harness.Simulator.ConnectorAddress }), TimeSpan.FromSeconds(30));

        var items = entry.GetProperty("items").EnumerateArray().ToArray();
        var negotiations = state.Calls.Count(c => c.Method == "POST" && c.Path.EndsWith("/contractnegotiations", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.GetProperty("status").GetString()), Is.All.EqualTo("SAVED"), entry.ToString());
            Assert.That(items.Select(i => i.GetProperty("contract_id").GetString()), Is.All.Not.EqualTo("agreement-stale"));
            Assert.That(items.Select(i => i.GetProperty("agreement_reused").GetBoolean()), Is.All.False);
            Assert.That(items[0].GetProperty("contract_id").GetString(), Is.EqualTo(items[1].GetProperty("contract_id").GetString()), "one new agreement for both");
            Assert.That(negotiations, Is.EqualTo(1), "the two items share one negotiation");
            Assert.That(harness.Logs.Lines, Has.Some.Contains("reused agreement agreement-stale"));
        });
        await Task.CompletedTask.WaitAsync(cancellationToken);
    }
}
