using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Tests.Support.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>
/// <c>POST /v3|v4/contractagreements/request</c>: the agreements the consumer holds (negotiated once FINALIZED, and
/// scripted ones), filtered on assetId, providerId, consumerId or id, sorted by contractSigningDate.
/// </summary>
public sealed class ContractAgreementQueryTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-05-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [TestCase(ManagementApiVersion.V3, "odrl:Agreement")]
    [TestCase(ManagementApiVersion.V4, "Agreement")]
    public async Task ShouldListNegotiatedAgreementsOfTheAssetAndProvider_NewestFirst(string version, string policyType)
    {
        var options = new SimulatorOptions { TimeProvider = _time };
        options.Offers["offer-slow"] = new OfferBehaviour { NegotiationDelayMs = 600_000 };
        await using var sim = await SimulatorClient.StartAsync(options);
        var older = await NegotiateAsync(sim, "offer-1", "asset-1");
        var newer = await NegotiateAsync(sim, "offer-2", "asset-1");
        await NegotiateAsync(sim, "offer-3", "asset-2");
        await NegotiateAsync(sim, "offer-slow", "asset-1");

        var (status, page) = await sim.PostAsync(
            $"/{version}/contractagreements/request",
            CatalogRequests.Query(version, "\"sortField\":\"contractSigningDate\",\"sortOrder\":\"DESC\"", ("assetId", "=", "asset-1"), ("providerId", "=", "did:web:provider")));

        var newest = page[0];
        var policy = newest.GetProperty("policy");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), page.ToString());
            Assert.That(Ids(page), Is.EqualTo(new[] { newer, older }), "newest first; not the other asset's, not the unfinished negotiation's");
            Assert.That(newest.GetProperty("@type").GetString(), Is.EqualTo("ContractAgreement"));
            Assert.That(newest.GetProperty("assetId").GetString(), Is.EqualTo("asset-1"));
            Assert.That(newest.GetProperty("providerId").GetString(), Is.EqualTo("did:web:provider"));
            Assert.That(newest.GetProperty("consumerId").GetString(), Is.EqualTo("consumer"));
            Assert.That(newest.GetProperty("contractSigningDate").GetInt64(), Is.EqualTo(_time.GetUtcNow().ToUnixTimeSeconds() - 2), "signed when it FINALIZED (the second of four, a second apart), in epoch seconds");
            Assert.That(policy.GetProperty("@id").GetString(), Is.EqualTo("offer-2"));
            Assert.That(policy.GetProperty("@type").GetString(), Is.EqualTo(policyType));
            Assert.That(policy.GetProperty("assignee").GetString(), Is.EqualTo("consumer"));
            Assert.That(policy.GetProperty("assigner").GetString(), Is.EqualTo("did:web:provider"));
            Assert.That(policy.GetProperty("target").GetString(), Is.EqualTo("asset-1"));
            Assert.That(sim.State.Calls[^1].AssetId, Is.EqualTo("asset-1"));
        });
    }

    [Test]
    public async Task ShouldListAScriptedAgreement_AndRefuseItsTransfers_WhenItIsStale()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { TimeProvider = _time });
        using var control = new HttpClient { BaseAddress = sim.Simulator.BaseAddress };
        using var added = await control.PutAsync("/_sim/contractagreements/agreement-old", Json("""
            {"assetId":"asset-9","providerId":"did:web:provider","contractSigningDate":1700000000,
             "policy":{"@id":"offer-old","permission":[{"action":"use"}],"prohibition":[]}}
            """));
        using var stale = await control.PutAsync("/_sim/agreements/agreement-old", Json("""{"rejectTransfer":{}}"""));
        sim.State.AddAgreement("agreement-fresh", new ScriptedAgreement { AssetId = "asset-9", ProviderId = "did:web:provider" });

        var (_, page) = await sim.PostAsync(
            "/v4/contractagreements/request",
            CatalogRequests.Query(ManagementApiVersion.V4, "\"sortField\":\"contractSigningDate\",\"sortOrder\":\"ASC\"", ("assetId", "=", "asset-9")));
        var (refused, refusedErrors) = await sim.PostAsync("/v3/transferprocesses", SimulatorClient.V3TransferRequest("agreement-old"));
        var freshTransfer = await sim.StartTransferAsync("agreement-fresh");
        var (_, freshProcess) = await sim.GetAsync($"/v3/transferprocesses/{freshTransfer}");
        var listed = await control.GetFromJsonAsync<JsonElement>("/_sim/contractagreements");

        Assert.Multiple(() =>
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(Ids(page), Is.EqualTo(new[] { "agreement-old", "agreement-fresh" }));
            Assert.That(page[0].GetProperty("contractSigningDate").GetInt64(), Is.EqualTo(1_700_000_000));
            Assert.That(page[0].GetProperty("policy").GetProperty("@id").GetString(), Is.EqualTo("offer-old"));
            Assert.That(page[0].GetProperty("policy").TryGetProperty("prohibition", out _), Is.False);
            Assert.That(page[1].GetProperty("contractSigningDate").GetInt64(), Is.EqualTo(_time.GetUtcNow().ToUnixTimeSeconds()));
            Assert.That(refused, Is.EqualTo(HttpStatusCode.BadRequest), "listed, but a transfer of it is refused: a stale agreement");
            Assert.That(refusedErrors[0].GetProperty("message").GetString(), Is.EqualTo("Contract agreement with id agreement-old not found"));
            Assert.That(freshProcess.GetProperty("assetId").GetString(), Is.EqualTo("asset-9"), "a transfer reports the held agreement's asset");
            Assert.That(listed.EnumerateArray().Select(a => a.GetProperty("id").GetString()), Is.EquivalentTo(new[] { "agreement-old", "agreement-fresh" }));
        });
    }

    [Test]
    public async Task ShouldFilterWithIn_AndOnConsumerId()
    {
        await using var sim = await SimulatorClient.StartAsync();
        foreach (var id in new[] { "a", "b", "c" })
        {
            sim.State.AddAgreement(id, new ScriptedAgreement { AssetId = "asset", ProviderId = "p", ConsumerId = id == "c" ? "someone-else" : null });
        }

        var (_, some) = await sim.PostAsync("/v4/contractagreements/request", CatalogRequests.Query(ManagementApiVersion.V4, "\"sortField\":\"id\"", ("id", "in", new[] { "a", "c" })));
        var (_, mine) = await sim.PostAsync("/v3/contractagreements/request", CatalogRequests.Query(ManagementApiVersion.V3, "\"sortField\":\"id\"", ("consumerId", "=", "consumer")));

        Assert.Multiple(() =>
        {
            Assert.That(Ids(some), Is.EqualTo(new[] { "a", "c" }));
            Assert.That(Ids(mine), Is.EqualTo(new[] { "a", "b" }));
        });
    }

    [TestCase(ManagementApiVersion.V3, null, "state", "=", "InvalidRequest", "cannot filter ContractAgreement on 'state'")]
    [TestCase(ManagementApiVersion.V4, null, "assetId", "like", "ValidationFailure", "Operator like is not supported")]
    [TestCase(ManagementApiVersion.V4, "\"sortField\":\"createdAt\"", null, null, "InvalidRequest", "not by 'createdAt'")]
    [TestCase(ManagementApiVersion.V4, "\"limit\":0", null, null, "ValidationFailure", "$.limit: must have a minimum value of 1")]
    public async Task ShouldAnswer400NamingIt_WhenTheQueryAsksForWhatTheSimulatorCannotAnswer(
        string version, string? fields, string? operandLeft, string? op, string type, string message)
    {
        await using var sim = await SimulatorClient.StartAsync();
        var body = operandLeft is null ? CatalogRequests.Query(version, fields) : CatalogRequests.Query(version, fields, (operandLeft, op!, "x"));

        var (status, errors) = await sim.PostAsync($"/{version}/contractagreements/request", body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), errors.ToString());
        var error = errors.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("message").GetString(), Does.Contain(message));
            Assert.That(error.GetProperty("type").GetString(), Is.EqualTo(type));
        });
    }

    private static string?[] Ids(JsonElement page) => page.EnumerateArray().Select(p => p.GetProperty("@id").GetString()).ToArray();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    // Each negotiation a second after the one before, so their signing dates order them.
    private async Task<string?> NegotiateAsync(SimulatorClient sim, string offerId, string assetId)
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        var (status, created) = await sim.PostAsync("/v4/contractnegotiations", CatalogRequests.ContractRequest(offerId, assetId));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), created.ToString());
        return sim.State.FindNegotiation(created.GetProperty("@id").GetString()!)!.ContractAgreementId;
    }
}
