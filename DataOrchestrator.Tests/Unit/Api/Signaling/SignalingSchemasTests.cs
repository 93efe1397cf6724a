using System.Text.Json;
using DataOrchestrator.Api.Signaling;
using DataOrchestrator.Tests.Support.Requests;

namespace DataOrchestrator.Tests.Unit.Api.Signaling;

public sealed class SignalingSchemasTests
{
    private static readonly SignalingSchemas Schemas = new();

    private static IReadOnlyList<string> Check(SignalingMessage kind, string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schemas.Check(kind, document.RootElement);
    }

    [Test]
    public void ShouldAcceptBothPrepareShapes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Check(SignalingMessage.Prepare, BadSignalingCatalog.Prepare("tp-1")), Is.Empty, "RC3, EDC main");
            Assert.That(Check(SignalingMessage.Prepare, BadSignalingCatalog.Rc2Prepare("tp-1", "\"http://cp.example/api/signaling\"")), Is.Empty, "RC2, EDC 0.18.0");
            Assert.That(Check(SignalingMessage.Prepare, BadSignalingCatalog.Edit(BadSignalingCatalog.Prepare("tp-1"), "callbackAddress", "null")), Is.Empty, "main may write a null callbackAddress");
        });
    }

    [Test]
    public void ShouldExplainARefusal_ByTheFieldsAtFault()
    {
        var reasons = Check(SignalingMessage.Started, BadSignalingCatalog.Edit(BadSignalingCatalog.Started(), "dataAddress.endpointType", "42"));

        Assert.That(reasons, Has.Some.Contains("/dataAddress/endpointType"));
    }

    [Test]
    public void ShouldResolveTheDspDataAddressSchemaOffline()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Check(SignalingMessage.Started, BadSignalingCatalog.Started()), Is.Empty);
            Assert.That(Check(SignalingMessage.Started, "{\"messageId\":\"m\",\"dataAddress\":{\"endpointType\":\"x\"}}"), Is.Not.Empty, "@type is required");
            Assert.That(Check(SignalingMessage.Resume, "{\"messageId\":\"m\"}"), Is.Empty);
            Assert.That(Check(SignalingMessage.ControlPlaneRegistration, "{\"controlplaneId\":\"c\",\"endpoint\":\"http://c\",\"authorization\":{\"type\":\"none\"}}"), Is.Empty);
        });
    }
}
