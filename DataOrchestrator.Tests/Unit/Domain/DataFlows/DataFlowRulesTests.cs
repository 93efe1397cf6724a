using DataOrchestrator.Domain.DataFlows;

namespace DataOrchestrator.Tests.Unit.Domain.DataFlows;

public sealed class DataFlowRulesTests
{
    [TestCase(DataFlowState.Initialized, DataFlowSignal.Prepare, DataFlowState.Prepared)]
    [TestCase(DataFlowState.Prepared, DataFlowSignal.Prepare, DataFlowState.Prepared)]
    [TestCase(DataFlowState.Initialized, DataFlowSignal.Started, DataFlowState.Started)]
    [TestCase(DataFlowState.Prepared, DataFlowSignal.Started, DataFlowState.Started)]
    [TestCase(DataFlowState.Started, DataFlowSignal.Suspend, DataFlowState.Suspended)]
    [TestCase(DataFlowState.Suspended, DataFlowSignal.Suspend, DataFlowState.Suspended)]
    [TestCase(DataFlowState.Suspended, DataFlowSignal.Resume, DataFlowState.Started)]
    [TestCase(DataFlowState.Started, DataFlowSignal.Completed, DataFlowState.Completed)]
    [TestCase(DataFlowState.Prepared, DataFlowSignal.Terminate, DataFlowState.Terminated)]
    [TestCase(DataFlowState.Suspended, DataFlowSignal.Terminate, DataFlowState.Terminated)]
    [TestCase(DataFlowState.Terminated, DataFlowSignal.Terminate, DataFlowState.Terminated)]
    public void ShouldMoveTheFlow_WhenTheSignalIsAllowed(DataFlowState current, DataFlowSignal signal, DataFlowState expected) =>
        Assert.That(DataFlowRules.After(current, signal), Is.EqualTo(expected));

    [TestCase(DataFlowState.Started, DataFlowSignal.Prepare)]
    [TestCase(DataFlowState.Started, DataFlowSignal.Started)]
    [TestCase(DataFlowState.Prepared, DataFlowSignal.Suspend)]
    [TestCase(DataFlowState.Prepared, DataFlowSignal.Resume)]
    [TestCase(DataFlowState.Suspended, DataFlowSignal.Completed)]
    [TestCase(DataFlowState.Completed, DataFlowSignal.Terminate)]
    [TestCase(DataFlowState.Terminated, DataFlowSignal.Resume)]
    [TestCase(DataFlowState.Terminated, DataFlowSignal.Started)]
    [TestCase(DataFlowState.Completed, DataFlowSignal.Started)]
    public void ShouldRefuseTheSignal_WhenTheStateMachineHasNoSuchTransition(DataFlowState current, DataFlowSignal signal) =>
        Assert.That(DataFlowRules.After(current, signal), Is.Null);

    [Test]
    public void ShouldForgetTheAddressAndHideIt_WhenTheFlowEnds()
    {
        var now = DateTimeOffset.UnixEpoch;
        var flow = new DataFlow { ProcessId = "tp-1", State = DataFlowState.Started, DataAddress = "{\"token\":\"secret\"}", CreatedAt = now, UpdatedAt = now };

        var ended = flow.MoveTo(DataFlowState.Terminated, now.AddSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(flow.ToString(), Does.Not.Contain("secret"));
            Assert.That(ended.DataAddress, Is.Null);
            Assert.That(ended.Version, Is.EqualTo(1));
            Assert.That(flow.MoveTo(DataFlowState.Suspended, now).DataAddress, Is.EqualTo(flow.DataAddress));
        });
    }
}
