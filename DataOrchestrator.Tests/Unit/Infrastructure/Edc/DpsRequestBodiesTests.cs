using System.Text.Json;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Infrastructure.Edc;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Edc;

/// <summary>The Management API bodies of the DPS flow (wire contract: /work/scratch/dps-contract.md, management-api-4.1.0.yaml).</summary>
public sealed class DpsRequestBodiesTests
{
    [Test]
    public void ShouldWriteTheDpsTransferRequest_InV4WithTransferTypeAndLabelsAndNoDestination()
    {
        var request = new TransferStartRequest("http://provider/api/dsp", "agreement-1", "did:web:provider", "dataspace-protocol-http:2025-1", "request-1")
        {
            DataPlane = new DataPlaneSelection("HttpData-PULL", ["gold"]),
        };

        // Even when the connector's API version says v3: DPS is a v4 flow.
        var body = JsonSerializer.SerializeToElement(EdcRequestBodies.Transfer(v4: false, request), EdcJsonContext.Default.TransferRequestDto);

        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("@context").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "https://w3id.org/edc/connector/management/v2" }));
            Assert.That(body.GetProperty("@type").GetString(), Is.EqualTo("TransferRequest"));
            Assert.That(body.GetProperty("transferType").GetString(), Is.EqualTo("HttpData-PULL"));
            Assert.That(body.GetProperty("contractId").GetString(), Is.EqualTo("agreement-1"));
            Assert.That(body.TryGetProperty("dataDestination", out _), Is.False);
            Assert.That(body.TryGetProperty("connectorId", out _), Is.False);
            Assert.That(body.GetProperty("dataplaneMetadata").GetProperty("@type").GetString(), Is.EqualTo("DataplaneMetadata"));
            Assert.That(body.GetProperty("dataplaneMetadata").GetProperty("labels")[0].GetString(), Is.EqualTo("gold"));
            Assert.That(body.GetProperty("dataplaneMetadata").GetProperty("properties").EnumerateObject(), Is.Empty);
        });
    }

    [Test]
    public void ShouldLeaveTheEdrTransferRequestWithoutDataplaneMetadata()
    {
        var request = new TransferStartRequest("http://provider/api/dsp", "agreement-1", null, "dataspace-protocol-http", "request-1");

        var body = JsonSerializer.SerializeToElement(EdcRequestBodies.Transfer(v4: true, request), EdcJsonContext.Default.TransferRequestDto);

        Assert.That(body.TryGetProperty("dataplaneMetadata", out _), Is.False);
    }

    [Test]
    public void ShouldWriteTheRegistration_AsPlainJsonWithTransferTypes()
    {
        var registration = new DataPlaneRegistration("dataorchestrator", new Uri("http://do.example/signaling/dataflows"), ["HttpData-PULL"], []);

        var body = JsonSerializer.SerializeToElement(EdcRequestBodies.Registration(registration), EdcJsonContext.Default.DataPlaneRegistrationDto);

        Assert.Multiple(() =>
        {
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "dataplaneId", "endpoint", "transferTypes", "labels" }));
            Assert.That(body.GetProperty("endpoint").GetString(), Is.EqualTo("http://do.example/signaling/dataflows"));
        });
    }

    [Test]
    public void ShouldWriteTheAuthorizationProfile_AsAnObjectOfPlainValues()
    {
        var registration = new DataPlaneRegistration(
            "dataorchestrator", new Uri("https://do.example/signaling/dataflows"), ["HttpData-PULL"], [],
            new Dictionary<string, string> { ["type"] = "oauth2_client_credentials", ["clientId"] = "dataorchestrator" });

        var body = JsonSerializer.SerializeToElement(EdcRequestBodies.Registration(registration), EdcJsonContext.Default.DataPlaneRegistrationDto);

        Assert.That(body.GetProperty("authorization").GetProperty("type").GetString(), Is.EqualTo("oauth2_client_credentials"));
    }
}
