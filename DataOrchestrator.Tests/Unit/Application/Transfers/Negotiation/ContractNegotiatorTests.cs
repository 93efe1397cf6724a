using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Negotiation;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence;
using DataOrchestrator.Tests.Support.Builders;
using DataOrchestrator.Tests.Support.Metrics;
using DataOrchestrator.Tests.Support.Time;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace DataOrchestrator.Tests.Unit.Application.Transfers.Negotiation;

public sealed class ContractNegotiatorTests
{
    private readonly Mock<IEdcClient> _edc = new(MockBehavior.Strict);
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryOrchestrationRepository _repository;
    private readonly TransferOptions _options = new() { StatePollIntervalMs = 1, StatePollMaxIntervalMs = 2, NegotiationTimeoutSeconds = 5 };
    private readonly RecordedMetrics _metrics = new();
    private readonly List<PipelineBuilder> _pipelines = [];
    private Orchestration _orchestration = null!;

    public ContractNegotiatorTests() => _repository = new InMemoryOrchestrationRepository(_time);

    [TearDown]
    public async Task TearDown()
    {
        foreach (var pipeline in _pipelines)
        {
            await pipeline.DisposeAsync();
        }

        _metrics.Dispose();
    }

    private ContractNegotiator Negotiator()
    {
        var builder = new PipelineBuilder(_repository, _edc.Object, _metrics, _time).WithOptions(_options);
        _pipelines.Add(builder);
        return builder.Negotiator;
    }

    private async Task<OrchestrationItem> NegotiateAsync(ContractNegotiator negotiator, int index)
    {
        var item = (await _repository.FindAsync(_orchestration.Id, CancellationToken.None))!.Items[index];
        var run = new PipelineRun(_orchestration.Id, _options.ForConnector(_orchestration.ConnectorAddress));
        return await _time.AdvanceUntilDoneAsync(negotiator.RunAsync(run, item, CancellationToken.None));
    }

    private async Task GivenAsync(Orchestration orchestration)
    {
        _orchestration = orchestration;
        await _repository.AddAsync(orchestration, CancellationToken.None);
    }

    private void NegotiationEndsIn(string state, string? agreementId = null, string? errorDetail = null)
    {
        _edc.Setup(e => e.GetNegotiationStateAsync(It.IsAny<EdcConnection>(), "cn-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Queue<string>(["REQUESTED", "AGREED", state]).Dequeue);
        _edc.Setup(e => e.GetNegotiationAsync(It.IsAny<EdcConnection>(), "cn-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new NegotiationOutcome(agreementId, errorDetail));
    }

    [Test]
    public async Task ShouldRecordTheAgreement_WhenTheNegotiationIsFinalized()
    {
        await GivenAsync(new OrchestrationBuilder().WithOfferItem("offer-1", "asset-1").Build());
        _edc.Setup(e => e.StartNegotiationAsync(It.IsAny<EdcConnection>(), It.IsAny<NegotiationStartRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync("cn-1");
        NegotiationEndsIn("FINALIZED", agreementId: "agreement-9");

        var item = await NegotiateAsync(Negotiator(), 0);

        Assert.Multiple(() =>
        {
            Assert.That(item.Status, Is.EqualTo(ItemStatus.Negotiated));
            Assert.That(item.ContractId, Is.EqualTo("agreement-9"));
            Assert.That(item.NegotiationId, Is.EqualTo("cn-1"));
        });
        _edc.Verify(e => e.StartNegotiationAsync(
            It.IsAny<EdcConnection>(),
            It.Is<NegotiationStartRequest>(r => r.CounterPartyId == "did:web:provider" && r.Offer.OfferId == "offer-1" && r.Offer.AssetId == "asset-1"),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldStartOneNegotiation_WhenItemsOfAnOrchestrationShareAnOffer()
    {
        await GivenAsync(new OrchestrationBuilder().WithOfferItem("offer-1").WithOfferItem("offer-1").WithOfferItem("offer-1").WithOfferItem("offer-2").Build());
        var started = 0;
        var offerOneStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseOfferOne = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _edc.Setup(e => e.StartNegotiationAsync(It.IsAny<EdcConnection>(), It.IsAny<NegotiationStartRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (EdcConnection _, NegotiationStartRequest r, CancellationToken _) =>
            {
                Interlocked.Increment(ref started);
                if (r.Offer.OfferId != "offer-1")
                {
                    return "cn-2";
                }

                // The first item holds the offer's lock here until the others have asked for it.
                offerOneStarted.TrySetResult();
                await releaseOfferOne.Task;
                return "cn-1";
            });
        _edc.Setup(e => e.GetNegotiationStateAsync(It.IsAny<EdcConnection>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync("FINALIZED");
        _edc.Setup(e => e.GetNegotiationAsync(It.IsAny<EdcConnection>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((EdcConnection _, string id, CancellationToken _) => new NegotiationOutcome($"agreement-of-{id}", null));
        var negotiator = Negotiator();

        // Each run goes as far as it can before the next starts: the first to the EDC call, the other two with offer-1 to its lock.
        var runs = Enumerable.Range(0, 4).Select(i => NegotiateAsync(negotiator, i)).ToArray();
        await offerOneStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        releaseOfferOne.SetResult();
        var items = await Task.WhenAll(runs);

        Assert.Multiple(() =>
        {
            Assert.That(started, Is.EqualTo(2), "one negotiation per distinct offer");
            Assert.That(items.Take(3).Select(i => i.ContractId), Is.All.EqualTo("agreement-of-cn-1"));
            Assert.That(items[3].ContractId, Is.EqualTo("agreement-of-cn-2"));
        });
    }

    [Test]
    public async Task ShouldFailWithEdcsDetail_WhenTheNegotiationIsTerminated()
    {
        await GivenAsync(new OrchestrationBuilder().WithOfferItem().Build());
        _edc.Setup(e => e.StartNegotiationAsync(It.IsAny<EdcConnection>(), It.IsAny<NegotiationStartRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync("cn-1");
        NegotiationEndsIn("TERMINATED", errorDetail: "Policy not fulfilled");

        var failure = Assert.ThrowsAsync<ItemFailedException>(() => NegotiateAsync(Negotiator(), 0));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Error.Code, Is.EqualTo(ItemErrorCodes.NegotiationTerminated));
            Assert.That(failure.Error.Message, Does.Contain("cn-1").And.Contain("Policy not fulfilled"));
        });
    }

    [Test]
    public async Task ShouldFailWithATimeout_WhenTheNegotiationNeverFinalizes()
    {
        _options.NegotiationTimeoutSeconds = 1;
        await GivenAsync(new OrchestrationBuilder().WithOfferItem().Build());
        _edc.Setup(e => e.StartNegotiationAsync(It.IsAny<EdcConnection>(), It.IsAny<NegotiationStartRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync("cn-1");
        _edc.Setup(e => e.GetNegotiationStateAsync(It.IsAny<EdcConnection>(), "cn-1", It.IsAny<CancellationToken>())).ReturnsAsync("REQUESTED");

        var failure = Assert.ThrowsAsync<ItemFailedException>(() => NegotiateAsync(Negotiator(), 0));

        Assert.That(failure!.Error.Code, Is.EqualTo(ItemErrorCodes.NegotiationTimeout));
    }

    [Test]
    public async Task ShouldContinueItsOwnNegotiation_WhenTheItemAlreadyStartedOne()
    {
        await GivenAsync(new OrchestrationBuilder().WithOfferItem().Build());
        await _repository.SaveItemAsync(_orchestration.Id, _orchestration.Items[0] with { NegotiationId = "cn-1", Status = ItemStatus.NegotiationRequested }, CancellationToken.None);
        NegotiationEndsIn("FINALIZED", agreementId: "agreement-1");

        var item = await NegotiateAsync(Negotiator(), 0);

        Assert.That(item.ContractId, Is.EqualTo("agreement-1"));
        _edc.Verify(e => e.StartNegotiationAsync(It.IsAny<EdcConnection>(), It.IsAny<NegotiationStartRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
