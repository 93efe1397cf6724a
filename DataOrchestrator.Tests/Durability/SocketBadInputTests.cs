using System.Net;
using System.Text;
using System.Text.Json;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Durability;

/// <summary>
/// The bad input the in-process test server cannot carry, sent over a real socket to the real process (Kestrel):
/// a chunked oversize body, oversize headers, a NUL in the path. See the generated suite in GeneratedBadInputTests.
/// </summary>
[NonParallelizable]
public sealed class SocketBadInputTests
{
    private const string ClientKey = "socket-client-key";

    [Test]
    [CancelAfter(60_000)]
    public async Task ShouldAnswer4xx_AndStayLive_WhenKestrelLevelBadInputArrives()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("do-socket-data-").FullName;
        try
        {
            await using var service = await ApiProcess.StartAsync(
                "socket", new Dictionary<string, string> { ["API_KEYS"] = ClientKey, ["DATA_STORAGE_PATH"] = dataDirectory, ["RATE_LIMIT_PER_SECOND"] = "0" }, ClientKey);
            using var raw = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(15) };

            using var chunked = new HttpRequestMessage(HttpMethod.Post, "/orchestrate") { Content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('p', 3_000_000) + "\"}"))) };
            chunked.Content.Headers.ContentType = new("application/json");
            chunked.Headers.Add("X-Api-Key", ClientKey);
            using var chunkedResponse = await raw.SendAsync(chunked);
            var chunkedBody = await chunkedResponse.Content.ReadAsStringAsync();

            using var hugeHeader = new HttpRequestMessage(HttpMethod.Get, "/status");
            hugeHeader.Headers.TryAddWithoutValidation("X-Api-Key", new string('k', 64 * 1024));
            using var hugeHeaderResponse = await raw.SendAsync(hugeHeader);

            using var nul = new HttpRequestMessage(HttpMethod.Get, "/status/a%00b");
            nul.Headers.Add("X-Api-Key", ClientKey);
            using var nulResponse = await raw.SendAsync(nul);

            using var live = await service.Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            using var list = await service.Client.GetAsync(new Uri("/status", UriKind.Relative));
            var listed = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("response").GetProperty("orchestration_processes");
            Assert.Multiple(() =>
            {
                Assert.That(chunkedResponse.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), chunkedBody);
                Assert.That(JsonDocument.Parse(chunkedBody).RootElement.GetProperty("status_code").GetInt32(), Is.EqualTo(413), "chunked oversize body: 413 in the envelope");
                Assert.That((int)hugeHeaderResponse.StatusCode, Is.EqualTo(431), "Kestrel refuses oversize headers itself (no envelope possible)");
                Assert.That((int)nulResponse.StatusCode, Is.EqualTo(400), "Kestrel refuses a NUL in the path itself");
                Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(listed.EnumerateObject(), Is.Empty, "nothing stored");
            });
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
