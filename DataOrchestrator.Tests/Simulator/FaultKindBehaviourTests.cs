using System.Net;
using DataOrchestrator.EdcSimulator.DataPlane;
using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>
/// Each fault kind against a real HTTP client: the client sees exactly that failure, on data plane downloads and on
/// management JSON answers alike.
/// </summary>
public sealed class FaultKindBehaviourTests
{
    private const long PayloadBytes = 1024 * 1024;
    private const int Seed = 5;

    [TestCase(FaultKind.InternalServerError, HttpStatusCode.InternalServerError)]
    [TestCase(FaultKind.BadGateway, HttpStatusCode.BadGateway)]
    [TestCase(FaultKind.ServiceUnavailable, HttpStatusCode.ServiceUnavailable)]
    public async Task ShouldAnswerThatStatus_WhenAServerErrorFaultHits(FaultKind kind, HttpStatusCode expected)
    {
        await using var sim = await SimulatorClient.StartAsync();
        var authorization = await sim.AuthorizeAsync("agreement-1");
        Only(sim, kind);
        using var http = new HttpClient();

        using var management = sim.ManagementRequest("/v3/transferprocesses/unknown");
        using var download = sim.DownloadRequest(authorization);
        var managementAnswer = await ObservedResponse.ReadAsync(http, management);
        var downloadAnswer = await ObservedResponse.ReadAsync(http, download);

        Assert.Multiple(() =>
        {
            Assert.That(managementAnswer.Status, Is.EqualTo(expected));
            Assert.That(downloadAnswer.Status, Is.EqualTo(expected));
            Assert.That(downloadAnswer.Failure, Is.Null, "a complete error answer");
        });
    }

    [Test]
    public async Task ShouldResetTheConnectionBeforeAnyByte_WhenConnectionResetFaultHits()
    {
        await using var sim = await SimulatorClient.StartAsync();
        var authorization = await sim.AuthorizeAsync("agreement-1");
        Only(sim, FaultKind.ConnectionReset);
        using var http = new HttpClient();

        using var request = sim.DownloadRequest(authorization);
        var answer = await ObservedResponse.ReadAsync(http, request);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.Null, "no status line");
            Assert.That(answer.WasReset, Is.True, answer.Failure?.ToString());
            Assert.That(sim.State.Calls[^1].Fault, Is.EqualTo(nameof(FaultKind.ConnectionReset)), "the call log names the fault");
        });
    }

    [Test]
    public async Task ShouldResetTheConnectionMidBody_WhenMidBodyResetFaultHits()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("big", new AgreementBehaviour { PayloadBytes = PayloadBytes });
        var authorization = await sim.AuthorizeAsync("big");
        Only(sim, FaultKind.MidBodyReset);
        using var http = new HttpClient();

        using var request = sim.DownloadRequest(authorization);
        var answer = await ObservedResponse.ReadAsync(http, request);

        AssertCutDownload(answer);
        Assert.That(answer.WasReset, Is.True, answer.Failure?.ToString());
    }

    [Test]
    public async Task ShouldCutTheBodyShort_WhenShortBodyFaultHits()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("big", new AgreementBehaviour { PayloadBytes = PayloadBytes });
        var authorization = await sim.AuthorizeAsync("big");
        Only(sim, FaultKind.ShortBody);
        using var http = new HttpClient();

        using var request = sim.DownloadRequest(authorization);
        var answer = await ObservedResponse.ReadAsync(http, request);

        // The same seed draws the same cut, so a run is reproducible to the byte.
        var expectedCut = new FaultInjector(1, Seed, TimeSpan.Zero, [FaultKind.ShortBody]).Next()!.Value.CutPoint(PayloadBytes);
        AssertCutDownload(answer);
        Assert.Multiple(() =>
        {
            Assert.That(answer.EndedEarly, Is.True, answer.Failure?.ToString());
            Assert.That(answer.WasReset, Is.False, "an orderly close, not a reset");
            Assert.That(answer.Body, Has.Length.EqualTo(expectedCut), "every byte before the cut arrives");
        });
    }

    [TestCase(FaultKind.MidBodyReset)]
    [TestCase(FaultKind.ShortBody)]
    public async Task ShouldCutTheJsonAnswerAfterDeclaringItsFullLength_WhenABodyFaultHitsAManagementCall(FaultKind kind)
    {
        await using var sim = await SimulatorClient.StartAsync();
        var transferId = await sim.StartTransferAsync("agreement-1");
        using var http = new HttpClient();
        using var intact = sim.ManagementRequest($"/v3/transferprocesses/{transferId}");
        var whole = await ObservedResponse.ReadAsync(http, intact);
        Only(sim, kind);

        using var request = sim.ManagementRequest($"/v3/transferprocesses/{transferId}");
        var answer = await ObservedResponse.ReadAsync(http, request);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(answer.ContentLength, Is.EqualTo(whole.Body.Length), "the real length is declared");
            Assert.That(answer.Body, Has.Length.InRange(1, whole.Body.Length - 1));
            Assert.That(answer.Body, Is.EqualTo(whole.Body.Take(answer.Body.Length)), "the body's true beginning");
            Assert.That(kind == FaultKind.MidBodyReset ? answer.WasReset : answer.EndedEarly, Is.True, answer.Failure?.ToString());
        });
    }

    [TestCase(FaultKind.MidBodyReset)]
    [TestCase(FaultKind.ShortBody)]
    public async Task ShouldCutTheChunkedBody_WhenABodyFaultHitsADownloadWithoutContentLength(FaultKind kind)
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("chunked", new AgreementBehaviour { PayloadBytes = 3 * PayloadBytes, OmitContentLength = true });
        var authorization = await sim.AuthorizeAsync("chunked");
        Only(sim, kind);
        using var http = new HttpClient();

        using var request = sim.DownloadRequest(authorization);
        var answer = await ObservedResponse.ReadAsync(http, request);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(answer.ContentLength, Is.Null);
            Assert.That(answer.Body.Length, Is.InRange(1, 3 * PayloadBytes - 1));
            Assert.That(answer.Failure, Is.Not.Null, "a chunked body without its terminator is an error");
        });
    }

    [Test]
    public async Task ShouldBreakTheConnectionBeforeTheHeaders_WhenABodyFaultHitsAnAnswerWithoutBody()
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("empty", new AgreementBehaviour { PayloadBytes = 0 });
        var authorization = await sim.AuthorizeAsync("empty");
        Only(sim, FaultKind.ShortBody);
        using var http = new HttpClient();

        using var request = sim.DownloadRequest(authorization);
        var answer = await ObservedResponse.ReadAsync(http, request);

        Assert.That(answer.Status, Is.Null, "nothing to cut, so no answer at all");
        Assert.That(answer.Failure, Is.Not.Null);
    }

    // Configured after the setup calls, so only the call under test fails.
    private static void Only(SimulatorClient sim, FaultKind kind) =>
        sim.State.Faults.Configure(new FaultSetting(1, Seed, Kinds: [kind.ToString()]));

    private static void AssertCutDownload(ObservedResponse answer)
    {
        var expected = new byte[answer.Body.Length];
        SimulatedPayload.Fill(expected, 0);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(answer.ContentLength, Is.EqualTo(PayloadBytes), "the headers claim the whole payload");
            Assert.That(answer.Body.Length, Is.InRange(1, PayloadBytes - 1), "part of the body arrives");
            Assert.That(answer.Body, Is.EqualTo(expected), "and it is the payload's true beginning");
        });
    }
}
