using System.Net;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Simulator;

/// <summary><c>stalledDownloads</c>: a provider whose data plane stalls a given number of downloads and then recovers.</summary>
public sealed class StalledDownloadTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task ShouldStallOnlyTheFirstDownloads_WhenStalledDownloadsIsSet(CancellationToken cancellationToken)
    {
        await using var sim = await SimulatorClient.StartAsync();
        sim.State.SetBehaviour("recovers", new AgreementBehaviour { Payload = "0123456789abcdef", StallAfterBytes = 4, StalledDownloads = 1 });
        var authorization = await sim.AuthorizeAsync("recovers");
        using var http = new HttpClient();

        using var firstRequest = sim.DownloadRequest(authorization);
        using var first = await http.SendAsync(firstRequest, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var body = await first.Content.ReadAsStreamAsync(cancellationToken);
        var head = new byte[4];
        await body.ReadExactlyAsync(head, cancellationToken);
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stalled.CancelAfter(TimeSpan.FromMilliseconds(300));
        var more = body.ReadAsync(new byte[1], stalled.Token).AsTask();
        Assert.That(async () => await more, Throws.InstanceOf<OperationCanceledException>(), "the first download stalls after 4 bytes");

        using var secondRequest = sim.DownloadRequest(authorization);
        using var second = await http.SendAsync(secondRequest, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(System.Text.Encoding.UTF8.GetString(head), Is.EqualTo("0123"));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
        Assert.That(await second.Content.ReadAsStringAsync(cancellationToken), Is.EqualTo("0123456789abcdef"), "the second is answered whole");
    }

    [Test]
    public void ShouldRefuseStalledDownloads_WithoutStallAfterBytes() =>
        Assert.That(new AgreementBehaviour { StalledDownloads = 1 }.Validate(), Has.Some.Contains("stalledDownloads needs stallAfterBytes"));
}
