using System.Text.Json;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Negotiation;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Edc;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Edc;

public sealed class EdcRequestBodiesTests
{
    private static readonly TransferStartRequest Transfer = new("http://provider/api/dsp", "agreement-1", "did:web:provider", "dataspace-protocol-http", "request-1");

    private static JsonElement Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.SerializeToElement(value, type);

    [Test]
    public void ShouldWriteTheV3TransferRequest_WithConnectorIdAndHttpProxyDestination()
    {
        var body = Json(EdcRequestBodies.Transfer(v4: false, Transfer), EdcJsonContext.Default.TransferRequestDto);

        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("@context")[0].GetString(), Is.EqualTo("https://w3id.org/edc/connector/management/v0.0.1"));
            Assert.That(body.GetProperty("connectorId").GetString(), Is.EqualTo("did:web:provider"));
            Assert.That(body.GetProperty("@id").GetString(), Is.EqualTo("request-1"), "EDC up to 0.16 takes it as the process id");
            Assert.That(body.GetProperty("privateProperties").GetProperty("https://w3id.org/edc/v0.0.1/ns/dataOrchestratorAttempt").GetString(), Is.EqualTo("request-1"));
            Assert.That(body.GetProperty("dataDestination").GetProperty("type").GetString(), Is.EqualTo("HttpProxy"));
        });
    }

    [Test]
    public void ShouldWriteTheV4TransferRequest_WithTheV2ContextAndOnlyWhatV4Declares()
    {
        var body = Json(EdcRequestBodies.Transfer(v4: true, Transfer), EdcJsonContext.Default.TransferRequestDto);

        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("@context").EnumerateArray().Select(c => c.GetString()), Does.Contain("https://w3id.org/edc/connector/management/v2"));
            Assert.That(body.GetProperty("@type").GetString(), Is.EqualTo("TransferRequest"));
            Assert.That(body.GetProperty("@id").GetString(), Is.EqualTo("request-1"));
            Assert.That(body.GetProperty("privateProperties").GetProperty("https://w3id.org/edc/v0.0.1/ns/dataOrchestratorAttempt").GetString(), Is.EqualTo("request-1"));
            Assert.That(body.TryGetProperty("connectorId", out _), Is.False);
            Assert.That(body.TryGetProperty("dataDestination", out _), Is.False);
        });
    }

    [Test]
    public void ShouldWriteTheV3ContractRequest_WithVocabContextAndAnOdrlScopedOffer()
    {
        var request = new NegotiationStartRequest("http://provider/api/dsp", "did:web:provider", "dataspace-protocol-http", new ContractOffer("offer-1", "asset-1", null));

        var body = Json(EdcRequestBodies.Negotiation(v4: false, request), EdcJsonContext.Default.ContractRequestDto);
        var policy = body.GetProperty("policy");

        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("@context").GetProperty("@vocab").GetString(), Is.EqualTo("https://w3id.org/edc/v0.0.1/ns/"));
            Assert.That(policy.GetProperty("@context").GetString(), Is.EqualTo("http://www.w3.org/ns/odrl.jsonld"));
            Assert.That(policy.GetProperty("@type").GetString(), Is.EqualTo("odrl:Offer"));
            Assert.That(policy.GetProperty("@id").GetString(), Is.EqualTo("offer-1"));
            Assert.That(policy.GetProperty("assigner").GetString(), Is.EqualTo("did:web:provider"));
            Assert.That(policy.GetProperty("target").GetString(), Is.EqualTo("asset-1"));
        });
    }

    [Test]
    public void ShouldKeepTheClientsPolicy_ButTakeIdAndTargetFromTheItem_InV4()
    {
        const string policyJson = """{"@id":"stale","odrl:target":"other","assigner":"did:web:named","obligation":{"action":"use"}}""";
        var request = new NegotiationStartRequest("http://provider/api/dsp/2025-1", "did:web:provider", "dataspace-protocol-http:2025-1", new ContractOffer("offer-1", "asset-1", policyJson));

        var body = Json(EdcRequestBodies.Negotiation(v4: true, request), EdcJsonContext.Default.ContractRequestDto);
        var policy = body.GetProperty("policy");

        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("@context")[0].GetString(), Is.EqualTo("https://w3id.org/edc/connector/management/v2"));
            Assert.That(policy.GetProperty("@type").GetString(), Is.EqualTo("Offer"));
            Assert.That(policy.TryGetProperty("@context", out _), Is.False);
            Assert.That(policy.GetProperty("@id").GetString(), Is.EqualTo("offer-1"));
            Assert.That(policy.GetProperty("target").GetString(), Is.EqualTo("asset-1"));
            Assert.That(policy.TryGetProperty("odrl:target", out _), Is.False);
            Assert.That(policy.GetProperty("assigner").GetString(), Is.EqualTo("did:web:named"));
            Assert.That(policy.GetProperty("obligation").GetProperty("action").GetString(), Is.EqualTo("use"));
        });
    }

    [Test]
    public void ShouldLeaveEmptyRuleSetsOut_InV4_WhereTheyMustBeAbsentOrNonEmpty()
    {
        var request = new NegotiationStartRequest("http://provider/api/dsp/2025-1", "did:web:provider", "dataspace-protocol-http:2025-1", new ContractOffer("offer-1", "asset-1", """{"permission":[]}"""));

        var policy = Json(EdcRequestBodies.Negotiation(v4: true, request), EdcJsonContext.Default.ContractRequestDto).GetProperty("policy");

        Assert.That(policy.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "@type", "@id", "assigner", "target" }));
    }
}
