using System.Net;
using System.Text;
using System.Text.Json;
using DataOrchestrator.Tests.Support.Dps;
using DataOrchestrator.Tests.Support.Hosting;
using DataOrchestrator.Tests.Support.Requests;

namespace DataOrchestrator.Tests.Functional.Dps;

/// <summary>The signaling endpoints as a control plane sees them, called directly: states, answers, and who may call.</summary>
public sealed class SignalingEndpointTests
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, string path, string? body)
    {
        using var response = body is null ? await client.GetAsync(path) : await client.PostAsync(path, Json(body));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Test]
    public async Task ShouldAnswerPrepared_ForBothPrepareShapes()
    {
        await using var harness = await DpsHarness.StartAsync();
        var rc3 = BadSignalingCatalog.Prepare("flow-rc3");
        var rc2 = BadSignalingCatalog.Rc2Prepare("flow-rc2", "\"http://cp.example/api/signaling\"");

        var (rc3Status, rc3Body) = await SendAsync(harness.Signaling, "/signaling/dataflows/prepare", rc3);
        var (rc2Status, rc2Body) = await SendAsync(harness.Signaling, "/signaling/dataflows/prepare", rc2);

        Assert.Multiple(() =>
        {
            Assert.That(rc3Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(rc3Body.GetProperty("dataFlowId").GetString(), Is.EqualTo("flow-rc3"));
            Assert.That(rc3Body.GetProperty("state").GetString(), Is.EqualTo("PREPARED"));
            Assert.That(rc3Body.GetProperty("messageId").GetString(), Is.Not.Empty);
            Assert.That(rc3Body.TryGetProperty("dataAddress", out _), Is.False);
            Assert.That(rc2Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(rc2Body.GetProperty("state").GetString(), Is.EqualTo("PREPARED"));
        });
    }

    [Test]
    public async Task ShouldKeepTheAddressSecretAndFollowTheStateMachine_WhenAFlowIsSignalled()
    {
        await using var harness = await DpsHarness.StartAsync();
        await SendAsync(harness.Signaling, "/signaling/dataflows/prepare", BadSignalingCatalog.Prepare("flow-1"));

        var unknown = await SendAsync(harness.Signaling, "/signaling/dataflows/flow-unknown/started", BadSignalingCatalog.Started());
        var noAddress = await SendAsync(harness.Signaling, "/signaling/dataflows/flow-1/started", "{\"messageId\":\"m\"}");
        var started = await SendAsync(harness.Signaling, "/signaling/dataflows/flow-1/started", BadSignalingCatalog.Started());
        var again = await SendAsync(harness.Signaling, "/signaling/dataflows/flow-1/prepare", BadSignalingCatalog.Prepare("flow-1"));
        var status = await SendAsync(harness.Signaling, "/signaling/dataflows/flow-1/status", null);
        var suspended = await SendAsync(harness.Signaling, "/signaling/dataflows/flow-1/suspend", "{\"messageId\":\"m\"}");
        var resumed = await SendAsync(harness.Signaling, "/signaling/dataflows/flow-1/resume", "{\"messageId\":\"m\"}");
        var terminated = await SendAsync(harness.Signaling, "/signaling/dataflows/flow-1/terminate", "{\"messageId\":\"m\",\"reason\":\"r\"}");
        var afterTerminate = await SendAsync(harness.Signaling, "/signaling/dataflows/flow-1/resume", "{\"messageId\":\"m\"}");
        var unknownStatus = await SendAsync(harness.Signaling, "/signaling/dataflows/flow-unknown/status", null);

        Assert.Multiple(() =>
        {
            Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(noAddress.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(started.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(again.Status, Is.EqualTo(HttpStatusCode.NotFound), "no such route");
            Assert.That(status.Body.GetProperty("state").GetString(), Is.EqualTo("STARTED"));
            Assert.That(status.Body.ToString(), Does.Not.Contain("secret-token").And.Not.Contain("dataAddress"));
            Assert.That(suspended.Body.GetProperty("state").GetString(), Is.EqualTo("SUSPENDED"));
            Assert.That(resumed.Body.GetProperty("state").GetString(), Is.EqualTo("STARTED"));
            Assert.That(terminated.Body.GetProperty("state").GetString(), Is.EqualTo("TERMINATED"));
            Assert.That(afterTerminate.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(unknownStatus.Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
        Assert.That(harness.Service.Logs.Lines.Where(l => l.Contains("secret-token", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task ShouldRegisterAndDeleteControlPlanes()
    {
        await using var harness = await DpsHarness.StartAsync();
        using var put = await harness.Signaling.PutAsync(
            "/signaling/controlplanes", Json("{\"controlplaneId\":\"cp-1\",\"endpoint\":\"http://cp.example/api/signaling\",\"authorization\":{\"type\":\"none\"}}"));
        using var deleted = await harness.Signaling.DeleteAsync("/signaling/controlplanes/cp-1");
        using var again = await harness.Signaling.DeleteAsync("/signaling/controlplanes/cp-1");

        Assert.Multiple(() =>
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task ShouldRefuseCallersOutsideAllowedControlPlaneHosts_WhateverApiKeyTheyBring()
    {
        await using var harness = await DpsHarness.StartAsync(_ => new Dictionary<string, string?> { ["DataPlane:AllowedControlPlaneHosts"] = "10.99.0.0/16" });
        using var client = harness.Service.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceHarness.ClientKey);

        var (status, body) = await SendAsync(client, "/signaling/dataflows/prepare", BadSignalingCatalog.Prepare("flow-1"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden), body.ToString());
    }

    [Test]
    public async Task ShouldNotServeSignaling_WhenNoConnectorUsesDps()
    {
        await using var harness = await ServiceHarness.StartAsync();
        using var client = harness.Factory.CreateClient();

        var (status, _) = await SendAsync(client, "/signaling/dataflows/prepare", BadSignalingCatalog.Prepare("flow-1"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
