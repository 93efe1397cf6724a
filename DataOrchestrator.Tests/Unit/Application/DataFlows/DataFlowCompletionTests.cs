using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.DataFlows;
using DataOrchestrator.Infrastructure.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace DataOrchestrator.Tests.Unit.Application.DataFlows;

public sealed class DataFlowCompletionTests
{
    private readonly Mock<IControlPlaneSignaling> _signaling = new();
    private readonly Mock<IEdcClient> _edc = new();
    private InMemoryDataFlowStore _store = null!;
    private DataFlowSignals _flows = null!;

    [SetUp]
    public void SetUp()
    {
        _store = new InMemoryDataFlowStore();
        _flows = new DataFlowSignals(_store, TimeProvider.System);
    }

    private DataFlowCompletion Completion() =>
        new(_signaling.Object, _flows, _store, new TransferTerminator(_edc.Object, NullLogger<TransferTerminator>.Instance), NullLogger<DataFlowCompletion>.Instance);

    private static PipelineRun Run(string? signalingUrl = null) =>
        new(Guid.NewGuid(), new TransferOptions { DataFlow = "dps", SignalingUrl = signalingUrl }.ForConnector("http://cp.example"));

    [Test]
    public async Task ShouldSendCompletedToTheCallbackAddress_AndMarkTheFlowCompleted()
    {
        await _flows.PrepareAsync("tp-1", "http://cp.example/api/signaling", CancellationToken.None);
        await _flows.ClaimAsync("tp-1", CancellationToken.None);
        await _flows.StartedAsync("tp-1", "{}", CancellationToken.None);

        await Completion().CompletedAsync(Run("http://configured.example/signaling"), "tp-1", CancellationToken.None);

        _signaling.Verify(s => s.NotifyAsync(new Uri("http://cp.example/api/signaling"), "tp-1", "completed", DataFlowState.Completed, null, It.IsAny<CancellationToken>()));
        Assert.That((await _store.FindAsync("tp-1", CancellationToken.None))!.State, Is.EqualTo(DataFlowState.Completed));
        _edc.VerifyNoOtherCalls();
    }

    [Test]
    public async Task ShouldFallBackToTheOneRegisteredControlPlane_WhenNoAddressIsConfigured()
    {
        await _flows.ClaimAsync("tp-1", CancellationToken.None);
        await _store.PutControlPlaneAsync(new ControlPlaneRegistration("cp", "http://registered.example/signaling", null, DateTimeOffset.UnixEpoch), CancellationToken.None);

        await Completion().CompletedAsync(Run(), "tp-1", CancellationToken.None);

        _signaling.Verify(s => s.NotifyAsync(new Uri("http://registered.example/signaling"), "tp-1", "completed", DataFlowState.Completed, null, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task ShouldSendErroredAndTerminate_WhenTheCompletedCallbackIsRefused()
    {
        await _flows.ClaimAsync("tp-1", CancellationToken.None);
        _signaling.Setup(s => s.NotifyAsync(It.IsAny<Uri>(), "tp-1", "completed", It.IsAny<DataFlowState>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new SignalingCallbackException("409"));

        await Completion().CompletedAsync(Run("http://configured.example/signaling"), "tp-1", CancellationToken.None);

        _signaling.Verify(s => s.NotifyAsync(new Uri("http://configured.example/signaling"), "tp-1", "errored", DataFlowState.Terminated, It.IsNotNull<string>(), It.IsAny<CancellationToken>()));
        _edc.Verify(e => e.TerminateTransferAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<string>(), It.IsAny<CancellationToken>()));
        Assert.That((await _store.FindAsync("tp-1", CancellationToken.None))!.State, Is.EqualTo(DataFlowState.Terminated));
    }

    [Test]
    public async Task ShouldTellNobody_WhenTheControlPlaneEndedTheFlowItself()
    {
        await _flows.ClaimAsync("tp-1", CancellationToken.None);
        await _flows.TerminateAsync("tp-1", "provider", CancellationToken.None);

        await Completion().ErroredAsync(Run("http://configured.example/signaling"), "tp-1", "PROVIDER_TERMINATED", CancellationToken.None);

        _signaling.VerifyNoOtherCalls();
        _edc.VerifyNoOtherCalls();
    }
}
