using System.Net;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>Tractus-X EDR refresh, expired tokens and the data plane's token schemes.</summary>
public sealed class EdrRefreshTests
{
    [Test]
    public async Task ShouldAddTractusXRefreshFields_OnlyWhenAutoRefreshIsAsked()
    {
        await using var sim = await SimulatorClient.StartAsync();
        var transferId = await sim.StartTransferAsync("a");

        var (_, plain) = await sim.GetAsync($"/v3/edrs/{transferId}/dataaddress");
        var (_, tractusX) = await sim.GetAsync($"/v3/edrs/{transferId}/dataaddress?auto_refresh=true");

        Assert.Multiple(() =>
        {
            Assert.That(plain.TryGetProperty("tx-auth:refreshToken", out _), Is.False);
            Assert.That(plain.GetProperty("@context").TryGetProperty("tx-auth", out _), Is.False);
            Assert.That(tractusX.GetProperty("tx-auth:refreshEndpoint").GetString(), Is.EqualTo(sim.Simulator.PublicEndpoint + "/token"));
            Assert.That(tractusX.GetProperty("tx-auth:refreshToken").GetString(), Is.Not.Empty);
            Assert.That(tractusX.GetProperty("tx-auth:expiresIn").GetString(), Is.EqualTo("300"));
            Assert.That(tractusX.GetProperty("tx-auth:audience").GetString(), Is.Not.Empty);
            Assert.That(tractusX.GetProperty("@context").GetProperty("tx-auth").GetString(), Is.EqualTo("https://w3id.org/tractusx/auth/"));
            Assert.That(tractusX.GetProperty("authorization").GetString(), Is.EqualTo(plain.GetProperty("authorization").GetString()));
        });
    }

    [Test]
    public async Task ShouldServeAfterOneRefresh_WhenOneTokenIsHandedOutExpired()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("expired-once", new AgreementBehaviour { ExpiredTokens = 1 });
        var transferId = await sim.StartTransferAsync("expired-once");
        var (_, edr) = await sim.GetAsync($"/v3/edrs/{transferId}/dataaddress");
        var first = edr.GetProperty("authorization").GetString();

        var expired = await sim.DownloadAsync(first);
        var (refreshed, refreshedEdr) = await sim.PostAsync($"/v3/edrs/{transferId}/refresh", string.Empty);
        var second = refreshedEdr.GetProperty("authorization").GetString();
        var served = await sim.DownloadAsync(second);
        var revoked = await sim.DownloadAsync(first);

        Assert.Multiple(() =>
        {
            Assert.That(expired.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(expired.Body, Is.EqualTo("""{"errors":["Token expired"]}"""));
            Assert.That(refreshed, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refreshedEdr.GetProperty("tx-auth:refreshToken").GetString(), Is.Not.Empty);
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(served.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(revoked.Status, Is.EqualTo(HttpStatusCode.Forbidden), "the refreshed-away token is revoked");
            Assert.That(sim.State.FindTransfer(transferId)!.RefreshCount, Is.EqualTo(1));
            Assert.That(sim.State.FindTransfer(transferId)!.EdrToken, Is.EqualTo(second));
        });
    }

    [Test]
    public async Task ShouldStillRefuse_AfterOneRefresh_WhenTwoTokensAreHandedOutExpired()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("expired-twice", new AgreementBehaviour { ExpiredTokens = 2 });
        var transferId = await sim.StartTransferAsync("expired-twice");

        var (_, once) = await sim.PostAsync($"/v3/edrs/{transferId}/refresh", string.Empty);
        var afterOne = await sim.DownloadAsync(once.GetProperty("authorization").GetString());
        var (_, twice) = await sim.PostAsync($"/v3/edrs/{transferId}/refresh", string.Empty);
        var afterTwo = await sim.DownloadAsync(twice.GetProperty("authorization").GetString());

        Assert.Multiple(() =>
        {
            Assert.That(afterOne.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(afterTwo.Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task ShouldRecordOverlappingRefreshes_AndAnswer404ForUnknownTransfers()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("slow", new AgreementBehaviour { LatencyMs = 300 });
        var serial = await sim.StartTransferAsync("a");
        var overlapping = await sim.StartTransferAsync("slow");

        await sim.PostAsync($"/v3/edrs/{serial}/refresh", string.Empty);
        await sim.PostAsync($"/v3/edrs/{serial}/refresh", string.Empty);
        var serialMax = sim.State.MaxConcurrentRefreshes;
        await Task.WhenAll(
            sim.PostAsync($"/v3/edrs/{overlapping}/refresh", string.Empty),
            sim.PostAsync($"/v3/edrs/{overlapping}/refresh", string.Empty));
        var (unknown, errors) = await sim.PostAsync("/v3/edrs/nope/refresh", string.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(serialMax, Is.EqualTo(1));
            Assert.That(sim.State.MaxConcurrentRefreshes, Is.EqualTo(2));
            Assert.That(sim.State.FindTransfer(serial)!.MaxConcurrentRefreshes, Is.EqualTo(1));
            Assert.That(sim.State.FindTransfer(overlapping)!.RefreshCount, Is.EqualTo(2));
            Assert.That(unknown, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(errors[0].GetProperty("type").GetString(), Is.EqualTo("ObjectNotFound"));
        });
    }

    [Test]
    public async Task ShouldAcceptOnlyBearerTokens_WhenTheSchemeIsBearer()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { DataPlaneTokenScheme = DataPlaneTokenSchemes.Bearer });
        var transferId = await sim.StartTransferAsync("a");
        var token = sim.State.FindTransfer(transferId)!.EdrToken;

        var raw = await sim.DownloadAsync(token);
        var bearer = await sim.DownloadAsync("Bearer " + token);
        sim.State.DataPlaneTokenScheme = DataPlaneTokenSchemes.Raw;
        var rawAgain = await sim.DownloadAsync(token);
        var bearerAgain = await sim.DownloadAsync("Bearer " + token);

        Assert.Multiple(() =>
        {
            Assert.That(raw.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(raw.Body, Does.StartWith("""{"errors":["""));
            Assert.That(bearer.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(rawAgain.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(bearerAgain.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }
}
