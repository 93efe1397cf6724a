using System.Text.Json;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>From offer to data: edc-offer items are negotiated into agreements, then transferred.</summary>
public sealed class NegotiationTests
{
    private const string ProviderId = "did:web:provider-identityhub%3A7083:provider";

    private static object Offer(string offerId, string assetId = "asset-1") => new
    {
        type = "edc-offer",
        counterPartyAddress = "http://provider-qna-controlplane:8082/api/dsp",
        counterPartyId = ProviderId,
        offerId,
        assetId,
        policy = new { permission = Array.Empty<object>(), obligation = new { action = "use" } },
    };

    private static JsonElement[] Items(JsonElement entry) => entry.GetProperty("items").EnumerateArray().ToArray();

    private static string? Text(JsonElement item, string property) => item.GetProperty(property).GetString();

    [Test]
    public async Task ShouldNegotiateOffersIntoAgreements_SharingOneNegotiationPerOffer()
    {
        await using var harness = await ServiceHarness.StartAsync();
        harness.Simulator.State.SetOfferBehaviour("offer-a", new() { NegotiationDelayMs = 300 });
        object[] data = [Offer("offer-a"), Offer("offer-a"), Offer("offer-b", "asset-2"), new { counterPartyAddress = "http://provider/api/dsp", contractId = "given" }];
        var id = await harness.SubmitAsync(new { data, connectorAddress = harness.Simulator.ConnectorAddress });

        // The least advanced item sets the orchestration's status: while offer-a is negotiated, that is NEGOTIATION_REQUESTED.
        var negotiating = await harness.WaitUntilAsync(id, e => Text(e, "process_status") == "NEGOTIATION_REQUESTED");
        var entry = await harness.WaitForFinalAsync(id);

        var items = Items(entry);
        var negotiations = harness.Simulator.State.Negotiations;
        var transfers = harness.Simulator.State.Transfers;
        Assert.Multiple(() =>
        {
            Assert.That(Items(negotiating).Select(i => Text(i, "status")), Has.Some.EqualTo("NEGOTIATION_REQUESTED"));
            Assert.That(Text(entry, "process_status"), Is.EqualTo("COMPLETED"), entry.ToString());
            Assert.That(negotiations, Has.Count.EqualTo(2), "one negotiation per distinct offer");
            Assert.That(Text(items[0], "negotiation_id"), Is.EqualTo(Text(items[1], "negotiation_id")).And.Not.Null);
            Assert.That(Text(items[0], "contract_id"), Is.EqualTo(negotiations.Single(n => n.OfferId == "offer-a").ContractAgreementId));
            Assert.That(Text(items[2], "contract_id"), Is.EqualTo(negotiations.Single(n => n.OfferId == "offer-b").ContractAgreementId));
            Assert.That(Text(items[2], "offer_id"), Is.EqualTo("offer-b"));
            Assert.That(Text(items[2], "asset_id"), Is.EqualTo("asset-2"));
            Assert.That(Text(items[3], "negotiation_id"), Is.Null);
            Assert.That(transfers.Select(t => t.ContractId), Is.EquivalentTo(items.Select(i => Text(i, "contract_id"))));
            Assert.That(negotiations.Select(n => n.CounterPartyId), Is.All.EqualTo(ProviderId));
            Assert.That(negotiations.Select(n => n.Protocol), Is.All.EqualTo("dataspace-protocol-http"));
        });
    }

    [Test]
    public async Task ShouldFailTheOffersItemsWithEdcsDetail_WhenTheNegotiationIsTerminated()
    {
        await using var harness = await ServiceHarness.StartAsync();
        harness.Simulator.State.SetOfferBehaviour("refused", new() { FinalState = "TERMINATED", ErrorDetail = "Policy constraint DataAccess.level not fulfilled" });
        object[] data = [Offer("refused"), Offer("refused"), Offer("fine")];

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(new { data, connectorAddress = harness.Simulator.ConnectorAddress }));

        var items = Items(entry);
        Assert.Multiple(() =>
        {
            Assert.That(Text(entry, "process_status"), Is.EqualTo("PARTIALLY_COMPLETED"), entry.ToString());
            foreach (var refused in items.Take(2))
            {
                Assert.That(Text(refused.GetProperty("error"), "code"), Is.EqualTo(ItemErrorCodes.NegotiationTerminated));
                Assert.That(Text(refused.GetProperty("error"), "message"), Does.Contain("DataAccess.level not fulfilled"));
                Assert.That(Text(refused, "contract_id"), Is.Null);
            }

            Assert.That(harness.Simulator.State.Negotiations, Has.Count.EqualTo(2));
            Assert.That(harness.Simulator.State.Transfers, Has.Count.EqualTo(1), "no transfer without an agreement");
        });
    }

    [Test]
    public async Task ShouldNegotiateAfresh_WhenOneItemOfATerminatedSharedNegotiationIsRetried()
    {
        await using var harness = await ServiceHarness.StartAsync();
        harness.Simulator.State.SetOfferBehaviour("refused-once", new() { FinalState = "TERMINATED", ErrorDetail = "not now" });
        object[] data = [Offer("refused-once"), Offer("refused-once")];
        var id = await harness.SubmitAsync(new { data, connectorAddress = harness.Simulator.ConnectorAddress });
        var failed = await harness.WaitForFinalAsync(id);
        Assert.That(Text(failed, "process_status"), Is.EqualTo("FAILED"), failed.ToString());
        harness.Simulator.State.RemoveOfferBehaviour("refused-once");

        // Item 1 alone: item 0 stays FAILED and still names the terminated negotiation, which must not be joined again.
        var (status, body) = await RetryTests.RetryAsync(harness, id, new { items = new object[] { 1 } });
        Assert.That(status, Is.EqualTo(System.Net.HttpStatusCode.Accepted), body.ToString());
        var entry = await harness.WaitForFinalAsync(id);

        var items = Items(entry);
        var negotiations = harness.Simulator.State.Negotiations;
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => Text(i, "status")), Is.EqualTo(new[] { "FAILED", "SAVED" }), entry.ToString());
            Assert.That(negotiations, Has.Count.EqualTo(2), "the retried item started a negotiation of its own");
            Assert.That(Text(items[1], "negotiation_id"), Is.Not.EqualTo(Text(items[0], "negotiation_id")));
            Assert.That(Text(items[1], "contract_id"), Is.EqualTo(negotiations.Single(n => n.Id == Text(items[1], "negotiation_id")).ContractAgreementId));
        });
    }

    [Test]
    public async Task ShouldNegotiateThroughV4_WhenTheConnectorsProfileSaysV4()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Edc:ManagementApiVersion"] = "v4" });

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(new { data = new[] { Offer("offer-v4") }, connectorAddress = harness.Simulator.ConnectorAddress }));

        Assert.Multiple(() =>
        {
            Assert.That(Text(entry, "process_status"), Is.EqualTo("COMPLETED"), entry.ToString());
            Assert.That(harness.Simulator.State.Negotiations.Single().ApiVersion, Is.EqualTo("v4"));
            Assert.That(harness.Simulator.State.Transfers.Single().ApiVersion, Is.EqualTo("v4"));
        });
    }

    [Test]
    public async Task ShouldRejectAnItemWithNeitherContractIdNorOffer_AndStoreNothing()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var body = new { data = new[] { new { counterPartyAddress = "http://provider/api/dsp", connectorId = "x" } }, connectorAddress = harness.Simulator.ConnectorAddress };

        using var response = await harness.PostAsync(body);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(400));
            Assert.That(json.GetProperty("details").GetProperty("data[0].contractId")[0].GetString(), Is.EqualTo("Missing data for required field."));
            Assert.That(harness.Simulator.State.Calls, Is.Empty);
        });
    }
}
