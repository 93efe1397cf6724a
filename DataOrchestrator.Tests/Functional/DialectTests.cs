using System.Text.Json;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// Each EDC dialect end to end against the simulator switched to it, configured only through connector profiles:
/// Management API v4, bearer data planes and Tractus-X EDR refresh.
/// </summary>
public sealed class DialectTests
{
    private static object Request(string connectorAddress, params string[] contractIds) => new
    {
        data = contractIds.Select(contractId => new { counterPartyAddress = "http://provider/api/dsp/2025-1", contractId }).ToArray(),
        connectorAddress,
    };

    /// <summary>The simulator's second connector, at <c>/api/mgmt</c> (MVD 0.17+, EDC 0.18).</summary>
    private static string MgmtAddress(EdcSimulatorInstance simulator) => new Uri(simulator.BaseAddress, "/api/mgmt").ToString();

    /// <summary>A connector profile for <see cref="MgmtAddress"/> with one dialect setting.</summary>
    private static Dictionary<string, string?> MgmtProfile(EdcSimulatorInstance simulator, string setting, string value) => new()
    {
        ["Edc:Connectors:0:AddressPrefix"] = MgmtAddress(simulator),
        ["Edc:Connectors:0:ManagementPath"] = "/api/mgmt",
        [$"Edc:Connectors:0:{setting}"] = value,
    };

    private static string[] Statuses(JsonElement entry) =>
        entry.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()!).ToArray();

    private static string? ErrorCode(JsonElement entry, int index) =>
        entry.GetProperty("items")[index].GetProperty("error") is { ValueKind: JsonValueKind.Object } error ? error.GetProperty("code").GetString() : null;

    [Test]
    public async Task ShouldSpeakEachConnectorsManagementApiVersion_WithTheEdrStayingOnV3()
    {
        // Two connectors behind one simulator: /api/mgmt speaks v4 (EDC 0.18), /consumer/cp the default v3.
        await using var harness = await ServiceHarness.StartAsync(simulatorSettings: simulator => MgmtProfile(simulator, "ManagementApiVersion", "v4"));
        var v4Address = MgmtAddress(harness.Simulator);

        var v4 = await harness.WaitForFinalAsync(await harness.SubmitAsync(Request(v4Address, "v4-agreement")));
        var v3 = await harness.WaitForFinalAsync(await harness.SubmitAsync(Request(harness.Simulator.ConnectorAddress.ToString(), "v3-agreement")));

        var calls = harness.Simulator.State.Calls;
        var transfers = harness.Simulator.State.Transfers.ToDictionary(t => t.ContractId);
        Assert.Multiple(() =>
        {
            Assert.That(Statuses(v4), Is.EqualTo(new[] { "SAVED" }), v4.ToString());
            Assert.That(Statuses(v3), Is.EqualTo(new[] { "SAVED" }), v3.ToString());
            Assert.That(transfers["v4-agreement"].ApiVersion, Is.EqualTo("v4"));
            Assert.That(transfers["v3-agreement"].ApiVersion, Is.EqualTo("v3"));
            Assert.That(calls.Where(c => c.ContractId == "v4-agreement" && c.Path.StartsWith("/api/mgmt/", StringComparison.Ordinal)).Select(c => $"{c.Method} {Shape(c.Path)}"), Is.SupersetOf(new[]
            {
                "POST /api/mgmt/v4/transferprocesses", "GET /api/mgmt/v4/transferprocesses/{id}/state",
                "GET /api/mgmt/v3/edrs/{id}/dataaddress", "POST /api/mgmt/v4/transferprocesses/{id}/terminate",
            }));
            Assert.That(calls.Where(c => c.ContractId == "v3-agreement").Select(c => c.Path), Has.None.Contains("/v4/"));
        });
    }

    [Test]
    public async Task ShouldFailV3Calls_WhenTheConnectorHasDroppedV3_AndSucceedOnceItsProfileSaysV4()
    {
        await using var harness = await ServiceHarness.StartAsync(simulatorSettings: simulator => MgmtProfile(simulator, "ManagementApiVersion", "v4"));
        harness.Simulator.State.ManagementApiVersions = new HashSet<string> { ManagementApiVersion.V4 };

        var unconfigured = await harness.WaitForFinalAsync(await harness.SubmitAsync(Request(harness.Simulator.ConnectorAddress.ToString(), "a")));
        var configured = await harness.WaitForFinalAsync(await harness.SubmitAsync(Request(MgmtAddress(harness.Simulator), "b")));

        Assert.Multiple(() =>
        {
            Assert.That(ErrorCode(unconfigured, 0), Is.EqualTo(ItemErrorCodes.EdcRequestRejected), unconfigured.ToString());
            Assert.That(unconfigured.GetProperty("items")[0].GetProperty("error").GetProperty("message").GetString(), Does.Contain("404"));
            Assert.That(Statuses(configured), Is.EqualTo(new[] { "SAVED" }), configured.ToString());
        });
    }

    [Test]
    public async Task ShouldSendABearerToken_ToADataPlaneThatWantsOne_WhenTheProfileSaysBearer()
    {
        await using var harness = await ServiceHarness.StartAsync(simulatorSettings: simulator => MgmtProfile(simulator, "DataPlaneTokenScheme", "bearer"));
        harness.Simulator.State.DataPlaneTokenScheme = DataPlaneTokenSchemes.Bearer;

        var raw = await harness.WaitForFinalAsync(await harness.SubmitAsync(Request(harness.Simulator.ConnectorAddress.ToString(), "raw")));
        var bearer = await harness.WaitForFinalAsync(await harness.SubmitAsync(Request(MgmtAddress(harness.Simulator), "bearer")));

        Assert.Multiple(() =>
        {
            Assert.That(ErrorCode(raw, 0), Is.EqualTo(ItemErrorCodes.DownloadFailed), "a raw token is refused by a bearer data plane");
            Assert.That(raw.GetProperty("items")[0].GetProperty("error").GetProperty("message").GetString(), Does.Contain("401"));
            Assert.That(Statuses(bearer), Is.EqualTo(new[] { "SAVED" }), bearer.ToString());
        });
    }

    [Test]
    public async Task ShouldRefreshAnExpiredEdrOnce_AndDownload_WithTractusXRefresh()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Edc:EdrAutoRefresh"] = "true" });
        var contractIds = Enumerable.Range(0, 8).Select(i => $"expired-{i}").Append("expired-twice").ToArray();
        foreach (var contractId in contractIds)
        {
            harness.Simulator.State.SetBehaviour(contractId, new() { ExpiredTokens = contractId == "expired-twice" ? 2 : 1, LatencyMs = 20 });
        }

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest(contractIds)));

        var state = harness.Simulator.State;
        var transfers = state.Transfers.ToDictionary(t => t.ContractId);
        Assert.Multiple(() =>
        {
            Assert.That(Statuses(entry).Take(8), Is.All.EqualTo("SAVED"), entry.ToString());
            Assert.That(ErrorCode(entry, 8), Is.EqualTo(ItemErrorCodes.DownloadFailed), "a refreshed token that is refused too ends the item: one refresh only");
            Assert.That(transfers.Values.Select(t => t.RefreshCount), Is.All.EqualTo(1));
            Assert.That(state.MaxConcurrentRefreshes, Is.EqualTo(1), "never two refreshes of one EDR at once");
            Assert.That(state.Calls.Where(c => c.Path.EndsWith("/dataaddress", StringComparison.Ordinal)).Select(c => c.Query), Is.All.EqualTo("?auto_refresh=true"));
            var logs = string.Join('\n', harness.Logs.Lines);
            Assert.That(transfers.Values.Select(t => t.EdrToken), Has.None.Matches<string>(token => logs.Contains(token, StringComparison.Ordinal)), "refreshed tokens stay out of the logs");
        });
    }

    [Test]
    public async Task ShouldNotRefresh_WhenTheProfileDoesNotAskForIt()
    {
        await using var harness = await ServiceHarness.StartAsync();
        harness.Simulator.State.SetBehaviour("expired", new() { ExpiredTokens = 1 });

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("expired")));

        Assert.Multiple(() =>
        {
            Assert.That(ErrorCode(entry, 0), Is.EqualTo(ItemErrorCodes.DownloadFailed));
            Assert.That(harness.Simulator.State.Calls.Select(c => c.Path), Has.None.EndsWith("/refresh"));
            Assert.That(harness.Simulator.State.Calls.Where(c => c.Path.EndsWith("/dataaddress", StringComparison.Ordinal)).Select(c => c.Query), Is.All.Empty);
        });
    }

    /// <summary>A call's path with its process id replaced, e.g. <c>/v4/transferprocesses/{id}/state</c>.</summary>
    private static string Shape(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path, "/(transferprocesses|edrs|contractnegotiations)/[^/]+", "/$1/{id}");
}
