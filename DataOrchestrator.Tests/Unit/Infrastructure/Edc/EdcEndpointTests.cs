using DataOrchestrator.Infrastructure.Edc;
using Refit;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Edc;

public sealed class EdcEndpointTests
{
    [TestCase("POST", "/{version}/transferprocesses", "/api/management/v3/transferprocesses", "POST /v3/transferprocesses")]
    [TestCase("GET", "/{version}/transferprocesses/{id}/state", "/consumer/cp/api/management/v3/transferprocesses/tp-1/state", "GET /v3/transferprocesses/{id}/state")]
    [TestCase("GET", "/{version}/edrs/{id}/dataaddress", "/management/v4alpha/edrs/urn%3Auuid%3A5f2b/dataaddress", "GET /v4alpha/edrs/{id}/dataaddress")]
    [TestCase("POST", "/{version}/contractnegotiations", "/v3/contractnegotiations", "POST /v3/contractnegotiations")]
    [TestCase("GET", "/{version}/edrs/{id}/dataaddress?auto_refresh=true", "/api/management/v3/edrs/tp-1/dataaddress", "GET /v3/edrs/{id}/dataaddress")]
    public void ShouldNameTheRouteTemplate_WithTheApiVersionFilledIn(string method, string template, string path, string expected) =>
        Assert.That(EdcEndpoint.Of(method, template, path), Is.EqualTo(expected));

    [Test]
    public void ShouldGiveOneEndpointForEveryId()
    {
        var endpoints = Enumerable.Range(0, 50)
            .Select(i => EdcEndpoint.Of("GET", "/{version}/transferprocesses/{id}/state", $"/api/management/v3/transferprocesses/{Guid.NewGuid()}-{i}/state"))
            .Distinct();

        Assert.That(endpoints, Is.EqualTo(new[] { "GET /v3/transferprocesses/{id}/state" }));
    }

    [Test]
    public void ShouldNameEachVersionOfOneTemplate_AfterTheFirstNameWasKept()
    {
        const string template = "/{version}/transferprocesses/{id}/terminate";
        var names = new[] { "v3", "v4alpha", "v3", "v4alpha", "not-a-version" }
            .Select(v => EdcEndpoint.Of("POST", template, $"/api/management//{v}/transferprocesses/tp-1/terminate/"));

        Assert.That(names, Is.EqualTo(new[]
        {
            "POST /v3/transferprocesses/{id}/terminate", "POST /v4alpha/transferprocesses/{id}/terminate",
            "POST /v3/transferprocesses/{id}/terminate", "POST /v4alpha/transferprocesses/{id}/terminate",
            "POST /{version}/transferprocesses/{id}/terminate",
        }));
    }

    [TestCase("/api/management/4bf92f3577b34da6/transferprocesses/tp-1", TestName = "ShouldKeepTheVersionPlaceholder_WhenItsSegmentIsNoVersion")]
    [TestCase("/transferprocesses/tp-1", TestName = "ShouldKeepTheVersionPlaceholder_WhenThePathIsShorterThanTheTemplate")]
    public void ShouldKeepTheVersionPlaceholder(string path) =>
        Assert.That(EdcEndpoint.Of("GET", "/{version}/transferprocesses/{id}", path), Is.EqualTo("GET /{version}/transferprocesses/{id}"));

    [Test]
    public void ShouldUseNothingOfTheUrl_WhenTheRequestCarriesNoTemplate()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://edc/api/management/v3/transferprocesses/tp-1/state");

        Assert.That(EdcEndpoint.Of(request), Is.EqualTo("GET unknown"));
    }

    [Test]
    public void ShouldReadRefitsTemplateFromTheRequestOptions()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://edc/api/management/v3/transferprocesses/tp-1/terminate");
        request.Options.Set(new HttpRequestOptionsKey<string>(HttpRequestMessageOptions.RelativePathTemplate), "/{version}/transferprocesses/{id}/terminate");

        Assert.That(EdcEndpoint.Of(request), Is.EqualTo("POST /v3/transferprocesses/{id}/terminate"));
    }
}
