using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.DataPlane;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

public sealed class OrchestrationFlowTests
{
    private const string Agreement = "2b9d3ab6-8325-4c0f-a1f9-56f0e103585e";
    private const string TimestampPattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$";

    private ServiceHarness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await ServiceHarness.StartAsync();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task ShouldAnswerAtOnce_WithTheOriginalsQueuedEnvelope()
    {
        using var response = await _harness.PostAsync(_harness.ExampleRequest(Agreement, Agreement));
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "status", "status_code", "orchestration_id", "response" }));
            Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("SUCCESS"));
            Assert.That(root.GetProperty("status_code").GetInt32(), Is.EqualTo(200));
            Assert.That(Guid.TryParse(root.GetProperty("orchestration_id").GetString(), out _), Is.True);
            var inner = root.GetProperty("response");
            Assert.That(inner.GetProperty("orchestration_id").GetString(), Is.EqualTo(root.GetProperty("orchestration_id").GetString()));
            Assert.That(inner.GetProperty("status").GetString(), Is.EqualTo("QUEUED"));
            Assert.That(inner.GetProperty("message").GetString(), Is.EqualTo("Transfer processing started"));
        });
    }

    [Test]
    public async Task ShouldCompleteTheOriginalsExample_WithBothFilesOnDiskAndCorrectSha256()
    {
        var id = await _harness.SubmitAsync(_harness.ExampleRequest(Agreement, Agreement));

        var entry = await _harness.WaitForFinalAsync(id);

        var expected = SimulatedPayload.DefaultJson(Agreement);
        var items = entry.GetProperty("items").EnumerateArray().ToArray();
        var paths = entry.GetProperty("storage_paths").EnumerateArray().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"));
            Assert.That(paths, Has.Length.EqualTo(2));
            Assert.That(items.Select(i => i.GetProperty("transfer_id").GetString()), Is.Unique);
            foreach (var path in paths)
            {
                Assert.That(path.GetProperty("status").GetString(), Is.EqualTo("SAVED"));
                var storagePath = path.GetProperty("storage_path").GetString()!;
                Assert.That(Path.GetFileName(storagePath), Does.Match($"^file_{path.GetProperty("transfer_id").GetString()}_\\d{{14}}_[0-9a-f]{{6}}\\.json$"));
                Assert.That(File.ReadAllBytes(storagePath), Is.EqualTo(expected));
            }

            foreach (var item in items)
            {
                Assert.That(item.GetProperty("status").GetString(), Is.EqualTo("SAVED"));
                Assert.That(item.GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(expected))));
                Assert.That(item.GetProperty("bytes").GetInt64(), Is.EqualTo(expected.Length));
                Assert.That(item.GetProperty("attempts").GetInt32(), Is.EqualTo(1));
                Assert.That(item.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
            }

            Assert.That(_harness.FilesOnDisk(), Has.Length.EqualTo(2), "no temporary or extra files");
        });
    }

    [Test]
    public async Task ShouldReportEveryFieldOfTheStatusEntry_InSnakeCase()
    {
        var id = await _harness.SubmitAsync(_harness.ExampleRequest(Agreement));
        var entry = await _harness.WaitForFinalAsync(id);
        var item = entry.GetProperty("items")[0];

        Assert.Multiple(() =>
        {
            Assert.That(entry.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
            {
                "orchestration_id", "process_status", "created_at", "updated_at", "properties", "storage_paths", "items", "callback",
            }));
            Assert.That(entry.GetProperty("callback").ValueKind, Is.EqualTo(JsonValueKind.Null), "no callbackUrl, no callback");
            Assert.That(entry.GetProperty("orchestration_id").GetString(), Is.EqualTo(id));
            Assert.That(entry.GetProperty("created_at").GetString(), Does.Match(TimestampPattern));
            Assert.That(entry.GetProperty("updated_at").GetString(), Does.Match(TimestampPattern));
            Assert.That(string.CompareOrdinal(entry.GetProperty("updated_at").GetString(), entry.GetProperty("created_at").GetString()), Is.GreaterThan(0));
            Assert.That(entry.GetProperty("properties").ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(item.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
            {
                "index", "type", "contract_id", "counter_party_address", "connector_id", "offer_id", "asset_id", "agreement_reused", "edr_reused", "negotiation_id", "protocol", "path", "query", "transfer_id", "status", "attempts", "error", "previous_errors",
                "storage_path", "bytes", "bytes_downloaded", "bytes_total", "sha256", "started_at", "finished_at", "waiting_since", "next_attempt_at",
            }));
            Assert.That(item.GetProperty("index").GetInt32(), Is.EqualTo(0));
            Assert.That(item.GetProperty("contract_id").GetString(), Is.EqualTo(Agreement));
            Assert.That(item.GetProperty("counter_party_address").GetString(), Is.EqualTo("http://provider-qna-controlplane:8082/api/dsp"));
            Assert.That(item.GetProperty("started_at").GetString(), Does.Match(TimestampPattern));
            Assert.That(item.GetProperty("finished_at").GetString(), Does.Match(TimestampPattern));
        });
    }

    [Test]
    public async Task ShouldListOrchestrationsNewestFirst_InTheOriginalsEnvelope()
    {
        var first = await _harness.SubmitAsync(_harness.ExampleRequest("a"));
        var second = await _harness.SubmitAsync(_harness.ExampleRequest("b"));

        using var response = await _harness.Client.GetAsync("/status");
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("SUCCESS"));
            Assert.That(root.GetProperty("status_code").GetInt32(), Is.EqualTo(200));
            var processes = root.GetProperty("response").GetProperty("orchestration_processes");
            Assert.That(processes.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { second, first }));
            Assert.That(root.GetProperty("response").GetProperty("next_cursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(processes.GetProperty(first).GetProperty("orchestration_id").GetString(), Is.EqualTo(first));
        });
    }

    [Test]
    public async Task ShouldSendTheTransferRequestEdcExpects()
    {
        var id = await _harness.SubmitAsync(_harness.ExampleRequest(Agreement));
        await _harness.WaitForFinalAsync(id);

        var transfer = _harness.Simulator.State.Transfers.Single();
        var calls = _harness.Simulator.State.Calls;
        Assert.Multiple(() =>
        {
            Assert.That(transfer.ContractId, Is.EqualTo(Agreement));
            Assert.That(transfer.Protocol, Is.EqualTo("dataspace-protocol-http"));
            Assert.That(transfer.TransferType, Is.EqualTo("HttpData-PULL"));
            Assert.That(transfer.CounterPartyAddress, Is.EqualTo("http://provider-qna-controlplane:8082/api/dsp"));
            Assert.That(transfer.ConnectorId, Is.EqualTo("did:web:provider-identityhub:7083:provider"));
            Assert.That(JsonDocument.Parse(transfer.DataDestinationJson).RootElement.GetProperty("type").GetString(), Is.EqualTo("HttpProxy"));
            Assert.That(calls.Where(c => c.Path.Contains("/api/management/", StringComparison.Ordinal)), Has.All.Matches<EdcSimulator.Calls.RecordedCall>(c => c.HasApiKeyHeader));
            Assert.That(calls.Any(c => c.Method == "POST" && c.Path.EndsWith("/consumer/cp/api/management/v3/transferprocesses", StringComparison.Ordinal)), Is.True);
            Assert.That(calls.Single(c => c.Path.StartsWith("/api/public", StringComparison.Ordinal)).StatusCode, Is.EqualTo(200), "the raw EDR token was accepted");
        });
    }

    [Test]
    public async Task ShouldSendTheProtocolOfTheDspAddress_OrTheOneTheItemNames()
    {
        var body = new
        {
            data = new object[]
            {
                new { type = "edc-asset", counterPartyAddress = "http://provider/api/dsp/2025-1", contractId = "inferred" },
                new { type = "edc-asset", counterPartyAddress = "http://provider/api/dsp", contractId = "named", protocol = "dataspace-protocol-http:2024/1" },
                new { type = "edc-asset", counterPartyAddress = "http://provider/custom-dsp", contractId = "default" },
            },
            connectorAddress = _harness.Simulator.ConnectorAddress,
        };

        var entry = await _harness.WaitForFinalAsync(await _harness.SubmitAsync(body));

        var protocols = _harness.Simulator.State.Transfers.ToDictionary(t => t.ContractId, t => t.Protocol);
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"));
            Assert.That(protocols["inferred"], Is.EqualTo("dataspace-protocol-http:2025-1"));
            Assert.That(protocols["named"], Is.EqualTo("dataspace-protocol-http:2024/1"));
            Assert.That(protocols["default"], Is.EqualTo("dataspace-protocol-http"));
            Assert.That(entry.GetProperty("items")[1].GetProperty("protocol").GetString(), Is.EqualTo("dataspace-protocol-http:2024/1"));
        });
    }

    [Test]
    public async Task ShouldTerminateEachTransferOnceItsDataIsSaved()
    {
        var entry = await _harness.WaitForFinalAsync(await _harness.SubmitAsync(_harness.ExampleRequest("a", "b")));
        await _harness.WaitUntilWorkersIdleAsync(); // the terminate call follows the SAVED record

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"));
            Assert.That(_harness.Simulator.State.Transfers.Select(t => t.State), Is.All.EqualTo("TERMINATED"));
            Assert.That(_harness.Simulator.State.Transfers.Select(t => t.TerminationReason), Is.All.EqualTo("Data retrieved by DataOrchestrator"));
        });
    }

    [Test]
    public async Task ShouldLeaveTransfersStarted_WhenTerminateAfterDownloadIsOff()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Edc:TerminateAfterDownload"] = "false" });

        await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("a")));
        await harness.WaitUntilWorkersIdleAsync();

        Assert.That(harness.Simulator.State.Transfers.Single().State, Is.EqualTo("STARTED"));
        Assert.That(harness.Simulator.State.Calls.Any(c => c.Path.EndsWith("/terminate", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task ShouldNameFilesByContentType()
    {
        _harness.Simulator.State.SetBehaviour("csv", new() { Payload = "a,b\n1,2\n", ContentType = "text/csv" });
        _harness.Simulator.State.SetBehaviour("none", new() { Payload = "{}", OmitContentType = true });

        var entry = await _harness.WaitForFinalAsync(await _harness.SubmitAsync(_harness.ExampleRequest("csv", "none")));

        var paths = entry.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("storage_path").GetString()!).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(paths[0], Does.EndWith(".csv"));
            Assert.That(File.ReadAllText(paths[0]), Is.EqualTo("a,b\n1,2\n"));
            Assert.That(paths[1], Does.EndWith(".json"));
        });
    }

    [Test]
    public async Task ShouldRunItemsConcurrently_SoOneSlowTransferHoldsUpNoOther()
    {
        _harness.Simulator.State.SetBehaviour("slow", new() { StartDelayMs = 3000 });
        var slow = await _harness.SubmitAsync(_harness.ExampleRequest("slow"));
        var fast = await _harness.SubmitAsync(_harness.ExampleRequest("fast"));

        var fastEntry = await _harness.WaitForFinalAsync(fast, TimeSpan.FromSeconds(2.5));
        var slowEntry = await _harness.GetEntryAsync(slow);

        Assert.Multiple(() =>
        {
            Assert.That(fastEntry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"));
            Assert.That(slowEntry.GetProperty("process_status").GetString(), Is.EqualTo("TRANSFER_REQUESTED"));
        });
    }
}
