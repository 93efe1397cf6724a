using System.Text.Json;
using AutoMapper;
using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence;
using DataOrchestrator.Tests.Support.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace DataOrchestrator.Tests.Unit.Application.Callbacks;

public sealed class CallbackDeliveryTests
{
    private const string Secret = "callback-secret-0123456789";
    private const string Url = "https://client.example/hooks";

    // An hour after the builder's orchestrations were created: their callbacks, pending since then, are due.
    private readonly FakeTimeProvider _time = new(OrchestrationBuilder.CreatedAt.AddHours(1));
    private readonly InMemoryOrchestrationRepository _store;
    private readonly Mock<ICallbackSender> _sender = new(MockBehavior.Strict);
    private readonly Mock<IStatusEntrySerializer> _serializer = new();
    private readonly List<CallbackMessage> _sent = [];
    private readonly CallbackOptions _options = new() { Secret = Secret, InitialDelaySeconds = 30, MaxAttempts = 3 };
    private Orchestration _orchestration = null!;

    public CallbackDeliveryTests() => _store = new InMemoryOrchestrationRepository(_time);

    [SetUp]
    public async Task SetUp()
    {
        _serializer.Setup(s => s.Serialize(It.IsAny<OrchestrationStatusDto>())).Returns((OrchestrationStatusDto entry) => JsonSerializer.SerializeToUtf8Bytes(entry));
        // Finished now: the give-up bound counts from the finish.
        _orchestration = new OrchestrationBuilder().WithItem(ItemStatus.Saved).Build() with
        {
            UpdatedAt = _time.GetUtcNow(),
            Callback = OrchestrationCallback.Pending(Url, OrchestrationBuilder.CreatedAt),
        };
        await _store.AddAsync(_orchestration, CancellationToken.None);
    }

    private CallbackDelivery Delivery()
    {
        var options = Options.Create(_options);
        var mapper = new MapperConfiguration(cfg => cfg.AddProfile<OrchestrationMappingProfile>()).CreateMapper();
        return new CallbackDelivery(
            _store, _sender.Object, _serializer.Object, mapper, new CallbackSchedule(options), options, _time, NullLogger<CallbackDelivery>.Instance);
    }

    private void Answer(CallbackResponse response) =>
        _sender.Setup(s => s.SendAsync(It.IsAny<CallbackMessage>(), It.IsAny<CancellationToken>()))
            .Callback((CallbackMessage message, CancellationToken _) => _sent.Add(message))
            .ReturnsAsync(response);

    private async Task<OrchestrationCallback> AttemptAsync(CancellationToken cancellationToken = default)
    {
        var delivery = Delivery();
        var claimed = await delivery.ClaimNextAsync(CancellationToken.None);
        Assert.That(claimed, Is.Not.Null, "a due callback");
        return await delivery.DeliverAsync(claimed!, cancellationToken);
    }

    private async Task<OrchestrationCallback> StoredAsync() => (await _store.FindAsync(_orchestration.Id, CancellationToken.None))!.Callback!;

    [Test]
    public async Task ShouldSendTheSignedStatusEntry_IdentifiedByTheOrchestrationId_AndRecordTheDelivery()
    {
        Answer(CallbackResponse.Answered(204));

        await AttemptAsync();

        var message = _sent.Single();
        var headers = message.Headers.ToDictionary(h => h.Key, h => h.Value);
        var body = JsonDocument.Parse(message.Body).RootElement;
        var stored = await StoredAsync();
        Assert.Multiple(() =>
        {
            Assert.That(message.Url, Is.EqualTo(Url));
            Assert.That(headers[CallbackHeaders.Id], Is.EqualTo(_orchestration.Id.ToString()));
            Assert.That(headers[CallbackHeaders.Attempt], Is.EqualTo("1"));
            Assert.That(long.Parse(headers[CallbackHeaders.Timestamp], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(_time.GetUtcNow().ToUnixTimeSeconds()));
            Assert.That(headers[CallbackHeaders.Signature], Is.EqualTo(CallbackSignature.Compute(Secret, headers[CallbackHeaders.Timestamp], message.Body)));
            Assert.That(body.GetProperty("orchestration_id").GetString(), Is.EqualTo(_orchestration.Id.ToString()));
            Assert.That(body.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"));
            Assert.That(body.GetProperty("callback").GetProperty("state").GetString(), Is.EqualTo("PENDING"), "the entry at the moment of sending");
            Assert.That(body.GetProperty("callback").GetProperty("attempts").GetInt32(), Is.EqualTo(1));
            Assert.That(stored.State, Is.EqualTo(CallbackState.Delivered));
            Assert.That(stored.Attempts, Is.EqualTo(1));
            Assert.That(stored.DeliveredAt, Is.Not.Null);
            Assert.That(stored.NextAttemptAt, Is.Null);
        });
    }

    [Test]
    public async Task ShouldScheduleTheNextAttempt_WithTheStatusCodeAsLastError_WhenTheReceiverFails()
    {
        Answer(CallbackResponse.Answered(500));

        var attemptedAt = _time.GetUtcNow();
        await AttemptAsync();

        var stored = await StoredAsync();
        var early = await Delivery().ClaimNextAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(30));
        var due = await Delivery().ClaimNextAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(stored.State, Is.EqualTo(CallbackState.Pending));
            Assert.That(stored.LastError, Is.EqualTo("HTTP 500"));
            Assert.That(stored.NextAttemptAt, Is.EqualTo(attemptedAt.AddSeconds(30)));
            Assert.That(early, Is.Null, "not due before its time");
            Assert.That(due, Is.Not.Null, "due at its time");
        });
    }

    [Test]
    public async Task ShouldCountARedirectAsAFailure_WhenTheReceiverRedirects()
    {
        Answer(CallbackResponse.Answered(302));
        await AttemptAsync();
        Assert.That((await StoredAsync()).LastError, Is.EqualTo("HTTP 302 (redirects are not followed)"));
    }

    [Test]
    public async Task ShouldGiveUp_WhenTheLastAttemptFails()
    {
        _options.MaxAttempts = 1;
        Answer(CallbackResponse.NoAnswer("timeout after 10 s"));

        await AttemptAsync();

        var stored = await StoredAsync();
        Assert.Multiple(() =>
        {
            Assert.That(stored.State, Is.EqualTo(CallbackState.Failed));
            Assert.That(stored.LastError, Is.EqualTo("timeout after 10 s"));
            Assert.That(stored.NextAttemptAt, Is.Null);
        });
    }

    [Test]
    public async Task ShouldHandTheCallbackBackAtOnce_WhenTheServiceStopsMidAttempt()
    {
        using var stopping = new CancellationTokenSource();
        _sender.Setup(s => s.SendAsync(It.IsAny<CallbackMessage>(), It.IsAny<CancellationToken>()))
            .Returns(async (CallbackMessage _, CancellationToken token) =>
            {
                await stopping.CancelAsync();
                token.ThrowIfCancellationRequested();
                return CallbackResponse.Answered(200);
            });

        Assert.That(async () => await AttemptAsync(stopping.Token), Throws.InstanceOf<OperationCanceledException>());

        var stored = await StoredAsync();
        var again = await Delivery().ClaimNextAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(stored.State, Is.EqualTo(CallbackState.Pending));
            Assert.That(stored.LastError, Does.Contain("interrupted"));
            Assert.That(again?.Callback?.Attempts, Is.EqualTo(2), "due again at once, as the next attempt");
        });
    }
}
