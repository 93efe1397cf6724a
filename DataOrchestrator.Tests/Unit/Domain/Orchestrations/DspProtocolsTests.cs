using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Tests.Unit.Domain.Orchestrations;

public sealed class DspProtocolsTests
{
    [TestCase("http://provider-qna-controlplane:8082/api/dsp", "dataspace-protocol-http")]
    [TestCase("http://provider:8082/api/dsp/", "dataspace-protocol-http")]
    [TestCase("https://provider/api/dsp/2024/1", "dataspace-protocol-http:2024/1")]
    [TestCase("https://provider/edc/api/dsp/2025-1", "dataspace-protocol-http:2025-1")]
    [TestCase("http://tx-provider-controlplane:8084/api/v1/dsp", "dataspace-protocol-http")]
    [TestCase("http://tx-provider-controlplane:8084/api/v1/dsp/2025-1", "dataspace-protocol-http:2025-1")]
    [TestCase("http://provider/protocol", null)]
    [TestCase("http://provider/api/nodsp", null)]
    [TestCase("not a url", null)]
    public void ShouldInferTheProtocolFromTheDspAddress(string address, string? expected) =>
        Assert.That(DspProtocols.Infer(address), Is.EqualTo(expected));
}
