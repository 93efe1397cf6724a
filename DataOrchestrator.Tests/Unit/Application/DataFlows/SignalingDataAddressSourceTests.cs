using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.DataFlows;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence;
using DataOrchestrator.Tests.Support.Builders;
using DataOrchestrator.Tests.Support.Time;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataOrchestrator.Tests.Unit.Application.DataFlows;

public sealed class SignalingDataAddressSourceTests
{
    private const string Address = """{"@type":"DataAddress","endpointType":"x","endpoint":"https://p.example/d","endpointProperties":[{"@type":"EndpointProperty","name":"authorization","value":"t"}]}""";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch.AddYears(56));
    private InMemoryDataFlowStore _store = null!;
    private DataFlowSignals _signals = null!;
    private SignalingDataAddressSource _source = null!;
    private PipelineRun _run = null!;
    private OrchestrationItem _item = null!;

    [SetUp]
    public void SetUp()
    {
        _store = new InMemoryDataFlowStore();
        _signals = new DataFlowSignals(_store, _time);
        var transfer = new TransferOptions { StartTimeoutSeconds = 30, DataFlow = "dps" };
        _source = new SignalingDataAddressSource(_store, Options.Create(transfer), Options.Create(new DataPlaneOptions()), _time);
        var orchestration = new OrchestrationBuilder().WithItem(ItemStatus.TransferStarted).Build();
        _item = orchestration.Items[0] with { TransferId = "tp-1" };
        _run = new PipelineRun(orchestration.Id, transfer.ForConnector(orchestration.ConnectorAddress));
    }

    [Test]
    public async Task ShouldReturnTheStoredAddress_WhenStartedArrivedBeforeTheWait()
    {
        await _signals.ClaimAsync("tp-1", CancellationToken.None);
        await _signals.StartedAsync("tp-1", Address, CancellationToken.None);

        var reference = await _source.ObtainAsync(_run, _item, CancellationToken.None);

        Assert.That(reference.Endpoint.AbsoluteUri, Is.EqualTo("https://p.example/d"));
    }

    [Test]
    public async Task ShouldWakeUp_WhenStartedArrivesWhileItWaits()
    {
        await _signals.ClaimAsync("tp-1", CancellationToken.None);
        var waiting = _source.ObtainAsync(_run, _item, CancellationToken.None);
        Assert.That(waiting.IsCompleted, Is.False);

        await _signals.StartedAsync("tp-1", Address, CancellationToken.None);

        Assert.That((await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Authorization, Is.EqualTo("t"));
    }

    [Test]
    public async Task ShouldFailWithTransferStartTimeout_WhenNoStartedArrivesInTime()
    {
        await _signals.ClaimAsync("tp-1", CancellationToken.None);

        var failed = Assert.ThrowsAsync<ItemFailedException>(() => _time.AdvanceUntilDoneAsync(_source.ObtainAsync(_run, _item, CancellationToken.None)));

        Assert.That(failed!.Error.Code, Is.EqualTo(ItemErrorCodes.TransferStartTimeout));
    }

    [Test]
    public async Task ShouldFailWithProviderTerminated_WhenTheFlowWasTerminated()
    {
        await _signals.ClaimAsync("tp-1", CancellationToken.None);
        await _signals.TerminateAsync("tp-1", "revoked", CancellationToken.None);

        var failed = Assert.ThrowsAsync<ItemFailedException>(() => _source.ObtainAsync(_run, _item, CancellationToken.None));

        Assert.That((failed!.Error.Code, failed.Error.Message.Contains("revoked", StringComparison.Ordinal)), Is.EqualTo((ItemErrorCodes.ProviderTerminated, true)));
    }

    [Test]
    public async Task ShouldIgnoreAnUnclaimedFlow_UntilTheWorkerClaimsIt()
    {
        await _signals.PrepareAsync("tp-1", null, CancellationToken.None);
        await _signals.StartedAsync("tp-1", Address, CancellationToken.None);
        var waiting = _source.ObtainAsync(_run, _item, CancellationToken.None);
        Assert.That(waiting.IsCompleted, Is.False);

        await _signals.ClaimAsync("tp-1", CancellationToken.None);

        Assert.That((await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Endpoint.Host, Is.EqualTo("p.example"));
        Assert.That((await _store.FindAsync("tp-1", CancellationToken.None))!.State, Is.EqualTo(DataFlowState.Started));
    }
}
