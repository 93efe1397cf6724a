using AutoMapper;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace DataOrchestrator.Tests.Unit.Application;

public sealed class OrchestrationServiceTests
{
    private readonly Mock<IOrchestrationRepository> _repository = new();
    private readonly Mock<IOrchestrationQueue> _queue = new(MockBehavior.Strict);
    private readonly RecordedMetrics _metrics = new();
    private readonly IMapper _mapper = new MapperConfiguration(c => c.AddProfile<OrchestrationMappingProfile>()).CreateMapper();

    [TearDown]
    public void TearDown() => _metrics.Dispose();

    private OrchestrationService Service() => new(
        _repository.Object, _queue.Object, _mapper, TimeProvider.System, Options.Create(new WorkerOptions { RetryAfterSeconds = 7 }), new ListOrchestrationsQueryValidator(), Mock.Of<DataOrchestrator.Application.Transfers.Storage.IDataStore>(), Options.Create(new IdempotencyOptions()), new RunningOrchestrations(), _metrics.Metrics, NullLogger<OrchestrationService>.Instance);

    [Test]
    public void ShouldRefuseAndStoreNothing_WhenQueueIsFull()
    {
        _queue.Setup(q => q.TryReserveAsync(2, It.IsAny<CancellationToken>())).ReturnsAsync((IQueueReservation?)null);

        var request = new OrchestrateRequestBuilder().WithItem("a").WithItem("b").Build();

        Assert.That(async () => await Service().SubmitAsync(request, null, CancellationToken.None),
            Throws.InstanceOf<QueueFullException>().With.Property(nameof(QueueFullException.RetryAfter)).EqualTo(TimeSpan.FromSeconds(7)));
        _repository.Verify(r => r.AddAsync(It.IsAny<Orchestration>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ShouldStoreThenQueueEveryItemInOrder()
    {
        var reservation = new Mock<IQueueReservation>();
        var queued = new List<ItemWork>();
        reservation.Setup(r => r.Enqueue(It.IsAny<ItemWork>())).Callback<ItemWork>(queued.Add);
        _queue.Setup(q => q.TryReserveAsync(2, It.IsAny<CancellationToken>())).ReturnsAsync(reservation.Object);
        Orchestration? stored = null;
        _repository.Setup(r => r.AddAsync(It.IsAny<Orchestration>(), It.IsAny<CancellationToken>()))
            .Callback<Orchestration, CancellationToken>((o, _) => stored = o).Returns(Task.CompletedTask);

        var accepted = await Service().SubmitAsync(new OrchestrateRequestBuilder().WithItem("a").WithItem("b").Build(), null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.Not.Null);
            Assert.That(accepted.OrchestrationId, Is.EqualTo(stored!.Id.ToString()));
            Assert.That(accepted.Status, Is.EqualTo("QUEUED"));
            Assert.That(stored.Items.Select(i => i.ContractId), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(queued, Is.EqualTo(new[] { new ItemWork(stored.Id, 0), new ItemWork(stored.Id, 1) }));
        });
        reservation.Verify(r => r.Dispose(), Times.Once);
    }

    [TestCase("not-a-guid")]
    [TestCase("00000000-0000-0000-0000-000000000001")]
    public void ShouldThrowNotFound_ForUnknownIds(string id) =>
        Assert.That(async () => await Service().GetAsync(id, CancellationToken.None), Throws.InstanceOf<OrchestrationNotFoundException>());
}
