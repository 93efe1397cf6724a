using DataOrchestrator.Application.Security;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Security;

/// <summary>The check on every outbound connection, after name resolution, against a real server on loopback.</summary>
public sealed class GuardedConnectionsTests
{
    private static HttpClient Client(string dataPlaneHosts) =>
        new(GuardedConnections.Handler(
            new OutboundPolicy(Options.Create(new OutboundOptions { DataPlaneHosts = dataPlaneHosts })),
            p => p.DataPlanes,
            OutboundPolicy.DataPlaneSetting,
            allowRedirects: true));

    [Test]
    public async Task ShouldConnect_WhenTheHostOrWhatItResolvesToIsListed()
    {
        await using var simulator = await EdcSimulatorHost.StartAsync(new SimulatorOptions());
        var port = new Uri(simulator.ConnectorAddress).Port;

        using var byAddress = Client("127.0.0.1");
        using var byRange = Client("127.0.0.0/8, ::1");

        Assert.Multiple(async () =>
        {
            Assert.That((await byAddress.GetAsync($"http://127.0.0.1:{port}/_sim/health")).IsSuccessStatusCode);
            Assert.That((await byRange.GetAsync($"http://localhost:{port}/_sim/health")).IsSuccessStatusCode, "localhost resolves into the range");
        });
    }

    [Test]
    public async Task ShouldRefuseTheConnection_WhenNeitherNameNorAddressIsListed()
    {
        await using var simulator = await EdcSimulatorHost.StartAsync(new SimulatorOptions());
        var port = new Uri(simulator.ConnectorAddress).Port;
        using var client = Client("data.example, 10.0.0.0/8");

        var refused = Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://localhost:{port}/_sim/health"));

        Assert.That(refused!.Message + refused.InnerException?.Message, Does.Contain("outbound policy").And.Contain(OutboundPolicy.DataPlaneSetting));
        Assert.That(simulator.State.Calls.Where(c => c.Path == "/_sim/health"), Is.Empty, "no request reached the server");
    }

    [Test]
    public void ShouldRefuseMetadataAddresses_WithoutAnyList()
    {
        using var client = Client(string.Empty);

        var refused = Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://169.254.169.254/latest/meta-data/"));

        Assert.That(refused!.Message + refused.InnerException?.Message, Does.Contain("link-local or metadata"));
    }
}
