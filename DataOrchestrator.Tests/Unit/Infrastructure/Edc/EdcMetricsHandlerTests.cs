using System.Net;
using DataOrchestrator.Infrastructure.Edc;
using DataOrchestrator.Tests.Support.Metrics;
using Microsoft.Extensions.Time.Testing;
using Refit;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Edc;

public sealed class EdcMetricsHandlerTests
{
    private readonly FakeTimeProvider _time = new();
    private RecordedMetrics _recorded = null!;

    [SetUp]
    public void SetUp() => _recorded = new RecordedMetrics();

    [TearDown]
    public void TearDown() => _recorded.Dispose();

    private async Task SendAsync(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer)
    {
        using var invoker = new HttpMessageInvoker(new EdcMetricsHandler(_recorded.Metrics, _time) { InnerHandler = new Answering(answer) });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://edc/api/management/v3/transferprocesses/tp-9/state");
        request.Options.Set(new HttpRequestOptionsKey<string>(HttpRequestMessageOptions.RelativePathTemplate), "/{version}/transferprocesses/{id}/state");
        using var response = await invoker.SendAsync(request, CancellationToken.None);
    }

    [Test]
    public async Task ShouldCountAndTimeTheRequest_ByEndpointAndStatusCode()
    {
        await SendAsync(_ =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        });

        var request = _recorded.Of("dataorchestrator.edc.requests").Single();
        var duration = _recorded.Of("dataorchestrator.edc.request.duration").Single();
        Assert.Multiple(() =>
        {
            Assert.That(request["endpoint"], Is.EqualTo("GET /v3/transferprocesses/{id}/state"));
            Assert.That(request["status_code"], Is.EqualTo("503"));
            Assert.That(duration.Value, Is.EqualTo(0.5).Within(1e-9));
        });
    }

    [Test]
    public void ShouldCountTheRequestAsError_WhenNoResponseArrives()
    {
        Assert.That(
            async () => await SendAsync(_ => throw new HttpRequestException(HttpRequestError.ConnectionError)),
            Throws.TypeOf<HttpRequestException>());

        var request = _recorded.Of("dataorchestrator.edc.requests").Single();
        Assert.Multiple(() =>
        {
            Assert.That(request["status_code"], Is.EqualTo(EdcMetricsHandler.NoResponse));
            Assert.That(request["endpoint"], Is.EqualTo("GET /v3/transferprocesses/{id}/state"));
        });
    }

    private sealed class Answering(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => answer(request);
    }
}
