using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Application.Security;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support.Builders;
using FluentValidation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace DataOrchestrator.Tests.Unit.Application.Orchestrations.Submit;

public sealed class OrchestrationSubmissionTests
{
    private readonly Mock<IOrchestrationRepository> _repository = new();
    private readonly Mock<IOrchestrationQueue> _queue = new(MockBehavior.Strict);

    private OrchestrationSubmission Submission()
    {
        var outbound = new OutboundPolicy(Options.Create(new OutboundOptions()));
        var request = new OrchestrateRequestValidator(
            Options.Create(new RequestLimitsOptions()), new CallbackUrlPolicy(Options.Create(new CallbackOptions()), outbound), outbound);
        return new(
            new SubmitOrchestrationValidator(request), _repository.Object, _queue.Object, Options.Create(new WorkerOptions { RetryAfterSeconds = 7 }),
            Options.Create(new IdempotencyOptions()), new FakeTimeProvider(), NullLogger<OrchestrationSubmission>.Instance);
    }

    private static SubmitOrchestration Submit(OrchestrateRequest request, string? idempotencyKey = null) => new(request, idempotencyKey);

    [Test]
    public void ShouldRefuseAndStoreNothing_WhenQueueIsFull()
    {
        _queue.Setup(q => q.TryReserveAsync(2, It.IsAny<CancellationToken>())).ReturnsAsync((IQueueReservation?)null);

        var request = new OrchestrateRequestBuilder().WithItem("a").WithItem("b").Build();

        Assert.That(async () => await Submission().SubmitAsync(Submit(request), CancellationToken.None),
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

        var accepted = await Submission().SubmitAsync(Submit(new OrchestrateRequestBuilder().WithItem("a").WithItem("b").Build()), CancellationToken.None);

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

    [TestCase("")]
    [TestCase("with space")]
    [TestCase("non-ascii-é")]
    public void ShouldRefuseAnInsaneIdempotencyKey_InTheSameValidationAsTheBody_BeforeReservingRoom(string key)
    {
        var request = new OrchestrateRequestBuilder().WithItem("a").WithConnector(null).Build();

        var refused = Assert.ThrowsAsync<ValidationException>(async () => await Submission().SubmitAsync(Submit(request, key), CancellationToken.None));

        Assert.That(refused!.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "connectorAddress", SubmitOrchestrationValidator.IdempotencyKeyHeader }));
        _queue.Verify(q => q.TryReserveAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public void ShouldAcceptTheLongestIdempotencyKey()
    {
        var result = new SubmitOrchestrationValidator(new InlineValidator<OrchestrateRequest>())
            .Validate(Submit(new OrchestrateRequestBuilder().WithItem("a").Build(), new string('k', SubmitOrchestrationValidator.MaxIdempotencyKeyLength)));
        var tooLong = new SubmitOrchestrationValidator(new InlineValidator<OrchestrateRequest>())
            .Validate(Submit(new OrchestrateRequestBuilder().WithItem("a").Build(), new string('k', SubmitOrchestrationValidator.MaxIdempotencyKeyLength + 1)));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True);
            Assert.That(tooLong.IsValid, Is.False);
        });
    }
}
