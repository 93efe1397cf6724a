using System.Net;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>SWAGGER_UI and OPENAPI_DOCUMENT turn off what the service tells about itself; the API stays the same.</summary>
public sealed class OpenApiSettingsTests
{
    private static async Task<(HttpStatusCode Ui, HttpStatusCode UiRoot, HttpStatusCode Document, HttpStatusCode Api)> ProbeAsync(Dictionary<string, string?> settings)
    {
        await using var harness = await ServiceHarness.StartAsync(settings);
        using var ui = await harness.Client.GetAsync("/swagger/index.html");
        using var uiRoot = await harness.Client.GetAsync("/swagger");
        using var document = await harness.Client.GetAsync("/swagger/v1/swagger.json");
        using var api = await harness.Client.GetAsync("/status");
        return (ui.StatusCode, uiRoot.StatusCode, document.StatusCode, api.StatusCode);
    }

    [Test]
    public async Task ShouldServeTheDocumentButNotSwaggerUi_WhenSwaggerUiIsOff()
    {
        var (ui, uiRoot, document, api) = await ProbeAsync(new() { ["OpenApi:SwaggerUi"] = "false" });

        Assert.Multiple(() =>
        {
            Assert.That(ui, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(uiRoot, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(document, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(api, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task ShouldServeNeitherDocumentNorSwaggerUi_WhenTheDocumentIsOff()
    {
        var (ui, uiRoot, document, api) = await ProbeAsync(new() { ["OpenApi:Document"] = "false" });

        Assert.Multiple(() =>
        {
            Assert.That(ui, Is.EqualTo(HttpStatusCode.NotFound), "the UI has no document to show");
            Assert.That(uiRoot, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(document, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(api, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task ShouldServeBoth_ByDefault()
    {
        var (ui, uiRoot, document, _) = await ProbeAsync([]);

        Assert.Multiple(() =>
        {
            Assert.That(ui, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(uiRoot, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.Redirect, HttpStatusCode.MovedPermanently), "redirects to index.html");
            Assert.That(document, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
