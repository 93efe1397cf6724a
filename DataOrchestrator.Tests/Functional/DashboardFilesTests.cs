using System.Net;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// The dashboard's files as the service serves them: without a key, with a Content-Security-Policy that allows no
/// inline script and calls to this origin only, and not at all with DASHBOARD_ENABLED=false. What the page does is
/// tested in a real browser (clients/dashboard/test).
/// </summary>
public sealed class DashboardFilesTests
{
    [Test]
    public async Task ShouldServeThePageAndItsFiles_WithoutAKey_UnderAStrictContentSecurityPolicy()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>());
        using var anonymous = harness.CreateClient();

        using var root = await anonymous.GetAsync("/dashboard");
        using var page = await anonymous.GetAsync("/dashboard/");
        using var script = await anonymous.GetAsync("/dashboard/dashboard.js");
        using var style = await anonymous.GetAsync("/dashboard/dashboard.css");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(root.Headers.Location?.AbsolutePath, Is.EqualTo("/dashboard/"));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("<script defer src=\"dashboard.js\"></script>"));
            Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(script.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
            Assert.That(style.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(style.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/css"));
        });
        foreach (var response in new[] { root, page, script, style })
        {
            var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Multiple(() =>
            {
                Assert.That(policy, Does.Contain("default-src 'none'"));
                Assert.That(policy, Does.Contain("script-src 'self';"));
                Assert.That(policy, Does.Contain("connect-src 'self';"));
                Assert.That(policy, Does.Not.Contain("unsafe"));
                Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
                Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
                Assert.That(response.Headers.CacheControl?.NoCache, Is.True, response.RequestMessage?.RequestUri?.ToString());
            });
        }
    }

    [Test]
    public async Task ShouldAnswerAnUnknownFileWithTheErrorEnvelope()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>());

        using var response = await harness.Client.GetAsync("/dashboard/missing.js");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"status_code\":404"));
    }

    [Test]
    public async Task ShouldServeNothing_WhenTheDashboardIsOff()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Dashboard:Enabled"] = "false" });

        using var page = await harness.Client.GetAsync("/dashboard/");
        using var script = await harness.Client.GetAsync("/dashboard/dashboard.js");
        using var api = await harness.Client.GetAsync("/status");

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(page.Headers.Contains("Content-Security-Policy"), Is.False);
            Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
