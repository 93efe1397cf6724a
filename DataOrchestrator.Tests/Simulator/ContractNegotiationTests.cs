using System.Net;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>The simulator's contract negotiations (v3 and v4), keyed by offer id.</summary>
public sealed class ContractNegotiationTests
{
    [Test]
    public async Task ShouldFinalizeWithAFreshAgreementId_WhenTheOfferIsNotConfigured()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (created, id) = await sim.PostAsync("/v3/contractnegotiations", SimulatorClient.V3ContractRequest("offer-1"));
        var negotiationId = id.GetProperty("@id").GetString()!;
        var (_, state) = await sim.GetAsync($"/v3/contractnegotiations/{negotiationId}/state");
        var (_, negotiation) = await sim.GetAsync($"/v3/contractnegotiations/{negotiationId}");
        var agreementId = negotiation.GetProperty("contractAgreementId").GetString();
        var (transfer, _) = await sim.PostAsync("/v3/transferprocesses", SimulatorClient.V3TransferRequest(agreementId!));

        var snapshot = sim.State.Negotiations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(created, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(id.GetProperty("@type").GetString(), Is.EqualTo("IdResponse"));
            Assert.That(state.GetProperty("@type").GetString(), Is.EqualTo("NegotiationState"));
            Assert.That(state.GetProperty("state").GetString(), Is.EqualTo("FINALIZED"));
            Assert.That(state.GetProperty("@context").EnumerateArray().Count(), Is.EqualTo(1), "3.1.3 wants an array");
            Assert.That(Guid.TryParse(agreementId, out _), Is.True, agreementId);
            Assert.That(negotiation.GetProperty("counterPartyId").GetString(), Is.EqualTo("provider-bpn"), "the assigner, as no counterPartyId was sent");
            Assert.That(negotiation.TryGetProperty("errorDetail", out _), Is.False);
            Assert.That(transfer, Is.EqualTo(HttpStatusCode.OK), "the negotiated agreement can be transferred");
            Assert.That(snapshot.OfferId, Is.EqualTo("offer-1"));
            Assert.That(snapshot.AssetId, Is.EqualTo("asset-7"));
            Assert.That(snapshot.ContractAgreementId, Is.EqualTo(agreementId));
            Assert.That(snapshot.ApiVersion, Is.EqualTo("v3"));
            Assert.That(sim.State.Calls.Where(c => c.NegotiationId == negotiationId).Select(c => c.OfferId), Is.EqualTo(new[] { "offer-1", "offer-1", "offer-1" }));
        });
    }

    [Test]
    public async Task ShouldFollowTheOffersScript_RequestedThenTerminatedWithErrorDetail()
    {
        var options = new SimulatorOptions();
        options.Offers["offer-slow"] = new OfferBehaviour { NegotiationDelayMs = 60_000 };
        options.Offers["offer-refused"] = new OfferBehaviour { FinalState = "TERMINATED", ErrorDetail = "policy not satisfied" };
        options.Offers["offer-fixed"] = new OfferBehaviour { AgreementId = "agreement-42" };
        await using var sim = await SimulatorClient.StartAsync(options);

        var slow = await NegotiateAsync(sim, "offer-slow", ManagementApiVersion.V4);
        var refused = await NegotiateAsync(sim, "offer-refused", ManagementApiVersion.V4);
        var fixedId = await NegotiateAsync(sim, "offer-fixed", ManagementApiVersion.V3);
        var (_, slowBody) = await sim.GetAsync($"/v4/contractnegotiations/{slow}");
        var (_, refusedBody) = await sim.GetAsync($"/v4/contractnegotiations/{refused}");
        var (_, fixedBody) = await sim.GetAsync($"/v3/contractnegotiations/{fixedId}");
        var (missing, missingBody) = await sim.GetAsync("/v4/contractnegotiations/unknown");

        Assert.Multiple(() =>
        {
            Assert.That(slowBody.GetProperty("state").GetString(), Is.EqualTo("REQUESTED"));
            Assert.That(slowBody.TryGetProperty("contractAgreementId", out _), Is.False);
            Assert.That(slowBody.GetProperty("profile").GetString(), Is.EqualTo("dataspace-protocol-http:2025-1"));
            Assert.That(refusedBody.GetProperty("state").GetString(), Is.EqualTo("TERMINATED"));
            Assert.That(refusedBody.GetProperty("errorDetail").GetString(), Is.EqualTo("policy not satisfied"));
            Assert.That(refusedBody.TryGetProperty("contractAgreementId", out _), Is.False);
            Assert.That(fixedBody.GetProperty("contractAgreementId").GetString(), Is.EqualTo("agreement-42"));
            Assert.That(missing, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(missingBody[0].GetProperty("type").GetString(), Is.EqualTo("ObjectNotFound"));
            Assert.That(sim.State.FindNegotiation(slow)!.ApiVersion, Is.EqualTo("v4"));
        });
    }

    [Test]
    public async Task ShouldRefuseInvalidAndRejectedRequests_WithEdcErrorArrays()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetOfferBehaviour("offer-gone", new OfferBehaviour { RejectNegotiation = new() { Status = 409, Type = "ObjectConflict" } });

        var (noTarget, noTargetErrors) = await sim.PostAsync(
            "/v3/contractnegotiations",
            SimulatorClient.V3ContractRequest("o").Replace("\"target\":{\"@id\":\"asset-7\"}", "\"x\":1", StringComparison.Ordinal));
        var (v4NoType, v4Errors) = await sim.PostAsync(
            "/v4/contractnegotiations",
            SimulatorClient.V4ContractRequest("o").Replace("\"@type\":\"ContractRequest\",", string.Empty, StringComparison.Ordinal));
        var (rejected, rejectedErrors) = await sim.PostAsync("/v3/contractnegotiations", SimulatorClient.V3ContractRequest("offer-gone"));

        Assert.Multiple(() =>
        {
            Assert.That(noTarget, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(noTargetErrors[0].GetProperty("message").GetString(), Does.Contain("http://www.w3.org/ns/odrl/2/target"));
            Assert.That(v4NoType, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(v4Errors[0].GetProperty("message").GetString(), Does.Contain("'@type'"));
            Assert.That(rejected, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(rejectedErrors[0].GetProperty("message").GetString(), Does.Contain("offer-gone"));
            Assert.That(sim.State.Negotiations, Is.Empty);
        });
    }

    private static async Task<string> NegotiateAsync(SimulatorClient sim, string offerId, string version)
    {
        var request = version == ManagementApiVersion.V4 ? SimulatorClient.V4ContractRequest(offerId) : SimulatorClient.V3ContractRequest(offerId);
        var (status, body) = await sim.PostAsync($"/{version}/contractnegotiations", request);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body.GetProperty("@id").GetString()!;
    }
}
