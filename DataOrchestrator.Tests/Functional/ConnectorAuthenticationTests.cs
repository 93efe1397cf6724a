using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

public sealed class ConnectorAuthenticationTests
{
    [Test]
    public async Task ShouldFailItemWithEdcsAuthenticationError_WhenEdcApiKeyIsWrong()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Edc:ApiKey"] = "not-the-key" });

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("a")));

        var error = entry.GetProperty("items")[0].GetProperty("error");
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(ItemErrorCodes.EdcRequestRejected));
            Assert.That(error.GetProperty("edc_errors")[0].GetProperty("type").GetString(), Is.EqualTo("AuthenticationFailed"));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("401"));
        });
    }

    [Test]
    public async Task ShouldSendBearerToken_WhenSchemeIsBearer_WhichThisDataPlaneRefuses()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Edc:DataPlaneTokenScheme"] = "bearer" });

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("a")));

        var error = entry.GetProperty("items")[0].GetProperty("error");
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(ItemErrorCodes.DownloadFailed));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("403"));
        });
    }

    [Test]
    public async Task ShouldRewriteInClusterEdrEndpoints_ToAddressesItCanReach()
    {
        const string InCluster = "http://provider-qna-dataplane.invalid:11002";
        await using var harness = await ServiceHarness.StartAsync(
            simulatorSettings: simulator => new Dictionary<string, string?>
            {
                ["Edc:EndpointRewrites"] = $"{InCluster}={simulator.BaseAddress.GetLeftPart(UriPartial.Authority)}",
            });
        harness.Simulator.State.PublicEndpointOverride = $"{InCluster}/api/public";

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("a")));

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
            Assert.That(harness.Simulator.State.Calls.Count(c => c.Path.StartsWith("/api/public", StringComparison.Ordinal)), Is.EqualTo(1), "the download reached the rewritten address");
        });
    }

    [Test]
    public async Task ShouldUseEachConnectorsOwnPathAndKey_FromItsProfile()
    {
        await using var other = await EdcSimulatorHost.StartAsync(new SimulatorOptions { ApiKey = "second-connector-key" });
        var otherConnector = other.BaseAddress.GetLeftPart(UriPartial.Authority);
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Edc:Connectors:0:AddressPrefix"] = otherConnector,
            ["Edc:Connectors:0:ManagementPath"] = "/api/mgmt",
            ["Edc:Connectors:0:ApiKey"] = "second-connector-key",
        });
        var toOther = new
        {
            data = new[] { new { type = "edc-asset", counterPartyAddress = "http://provider/api/dsp", contractId = "other" } },
            connectorAddress = otherConnector,
        };

        var defaultEntry = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("default")));
        var otherEntry = await harness.WaitForFinalAsync(await harness.SubmitAsync(toOther));

        Assert.Multiple(() =>
        {
            Assert.That(defaultEntry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), defaultEntry.ToString());
            Assert.That(otherEntry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), otherEntry.ToString());
            Assert.That(other.State.Calls.Where(c => c.Method == "POST").Select(c => c.Path), Has.Some.EqualTo("/api/mgmt/v3/transferprocesses"));
            Assert.That(harness.Simulator.State.Calls.Any(c => c.ContractId == "other"), Is.False);
        });
    }
}
