using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Tests.Unit.Domain.Orchestrations;

public sealed class StatusNamesTests
{
    [TestCase(ItemStatus.Queued, "QUEUED")]
    [TestCase(ItemStatus.NegotiationRequested, "NEGOTIATION_REQUESTED")]
    [TestCase(ItemStatus.DataAddressRetrieved, "DATA_ADDRESS_RETRIEVED")]
    [TestCase(ItemStatus.Cancelled, "CANCELLED")]
    public void ShouldSpellItemStatusesAsTheOriginal(ItemStatus status, string wireName) =>
        Assert.That(status.ToWireName(), Is.EqualTo(wireName));

    [TestCase(ProcessStatus.TransferStarted, "TRANSFER_STARTED")]
    [TestCase(ProcessStatus.PartiallyCompleted, "PARTIALLY_COMPLETED")]
    [TestCase(ProcessStatus.Completed, "COMPLETED")]
    public void ShouldSpellProcessStatusesAsTheOriginal(ProcessStatus status, string wireName) =>
        Assert.That(status.ToWireName(), Is.EqualTo(wireName));

    [TestCase(CallbackState.Pending, "PENDING")]
    [TestCase(CallbackState.Delivered, "DELIVERED")]
    [TestCase(CallbackState.Failed, "FAILED")]
    public void ShouldSpellCallbackStatesAsTheOriginal(CallbackState state, string wireName) =>
        Assert.That(state.ToWireName(), Is.EqualTo(wireName));

    [Test]
    public void ShouldParseEveryWireNameBackToItsStatus()
    {
        Assert.Multiple(() =>
        {
            foreach (var status in Enum.GetValues<ItemStatus>())
            {
                Assert.That(StatusNames.TryParseItemStatus(status.ToWireName(), out var parsed) && parsed == status, Is.True, status.ToString());
            }

            foreach (var status in Enum.GetValues<ProcessStatus>())
            {
                Assert.That(StatusNames.TryParseProcessStatus(status.ToWireName(), out var parsed) && parsed == status, Is.True, status.ToString());
            }

            foreach (var state in Enum.GetValues<CallbackState>())
            {
                Assert.That(StatusNames.TryParseCallbackState(state.ToWireName(), out var parsed) && parsed == state, Is.True, state.ToString());
            }
        });
    }

    [TestCase("completed")]
    [TestCase("Completed")]
    [TestCase("PARTIALLY COMPLETED")]
    [TestCase("")]
    public void ShouldRefuseAnythingButTheExactWireName(string name) =>
        Assert.That(StatusNames.TryParseProcessStatus(name, out _), Is.False);

    [Test]
    public void ShouldListTheWireNamesInMemberOrder() =>
        Assert.That(StatusNames.All<CallbackState>(), Is.EqualTo(new[] { "PENDING", "DELIVERED", "FAILED" }));

    [Test]
    public void ShouldRefuseAValueThatIsNoMember() =>
        Assert.That(() => ((ItemStatus)99).ToWireName(), Throws.InstanceOf<ArgumentOutOfRangeException>());
}
