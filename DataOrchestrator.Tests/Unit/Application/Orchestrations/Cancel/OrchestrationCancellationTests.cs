using AutoMapper;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Cancel;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence;
using DataOrchestrator.Tests.Support.Builders;
using DataOrchestrator.Tests.Support.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace DataOrchestrator.Tests.Unit.Application.Orchestrations.Cancel;

/// <summary>
/// A cancel answers 409 only when the orchestration had finished before it: one that a worker (here or on another
/// instance) ended because it saw this very cancel is a successful cancel (seen as a 409 under load in CI).
/// </summary>
public sealed class OrchestrationCancellationTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordedMetrics _metrics = new();
    private readonly IMapper _mapper = new MapperConfiguration(c => c.AddProfile<OrchestrationMappingProfile>()).CreateMapper();
    private InMemoryOrchestrationRepository _store = null!;
    private Orchestration _orchestration = null!;

    [SetUp]
    public async Task SetUp()
    {
        _store = new InMemoryOrchestrationRepository(_time);
        _orchestration = new OrchestrationBuilder().WithItem(ItemStatus.Downloading).Build();
        await _store.AddAsync(_orchestration, CancellationToken.None);
    }

    [TearDown]
    public void TearDown() => _metrics.Dispose();

    [Test]
    public async Task ShouldAccept_WhenAWorkerEndsTheLastItemBetweenTheCancelAndItsAnswer()
    {
        // The worker running the item sees the stored cancel and records the item CANCELLED before the answer is read.
        var repository = new Mock<IOrchestrationRepository>();
        repository.Setup(r => r.RequestCancelAsync(_orchestration.Id, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Returns(async (Guid id, DateTimeOffset now, CancellationToken token) =>
            {
                var marked = await _store.RequestCancelAsync(id, now, token);
                await _store.SaveItemAsync(id, _orchestration.Items[0].Cancel(ItemError.Of(ItemErrorCodes.Cancelled, "cancelled"), now), token);
                return marked! with { Orchestration = (await _store.FindAsync(id, token))! };
            });
        repository.Setup(r => r.FindAsync(_orchestration.Id, It.IsAny<CancellationToken>())).Returns((Guid id, CancellationToken token) => _store.FindAsync(id, token));

        var status = await Cancellation(repository.Object).CancelAsync(_orchestration.Id.ToString(), CancellationToken.None);

        Assert.That(status.ProcessStatus, Is.EqualTo(ProcessStatus.Cancelled));
    }

    [Test]
    public async Task ShouldAnswerFinished_WhenCancelledAgainAfterItStopped()
    {
        var cancellation = Cancellation(_store);
        await _store.RequestCancelAsync(_orchestration.Id, _time.GetUtcNow(), CancellationToken.None);
        await _store.SaveItemAsync(_orchestration.Id, _orchestration.Items[0].Cancel(ItemError.Of(ItemErrorCodes.Cancelled, "cancelled"), _time.GetUtcNow()), CancellationToken.None);

        Assert.ThrowsAsync<OrchestrationFinishedException>(() => cancellation.CancelAsync(_orchestration.Id.ToString(), CancellationToken.None));
    }

    private OrchestrationCancellation Cancellation(IOrchestrationRepository repository) => new(
        repository, new ItemRecorder(repository, _metrics.Metrics, _time), new RunningOrchestrations(), _mapper, NullLogger<OrchestrationCancellation>.Instance);
}
