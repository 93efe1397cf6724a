using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>GET /status/{id}/files/{transferId}: the saved download served back, whole or in ranges.</summary>
public sealed class SavedFileTests
{
    private static async Task<(ServiceHarness Harness, string Id, string TransferId, byte[] Content)> SavedAsync(long bytes, string contentType = "application/octet-stream")
    {
        var harness = await ServiceHarness.StartAsync();
        harness.Simulator.State.SetBehaviour("file", new() { PayloadBytes = bytes, ContentType = contentType });
        var id = await harness.SubmitAsync(harness.ExampleRequest("file"));
        var entry = await harness.WaitForFinalAsync(id);
        var item = entry.GetProperty("items")[0];
        var content = await File.ReadAllBytesAsync(item.GetProperty("storage_path").GetString()!);
        return (harness, id, item.GetProperty("transfer_id").GetString()!, content);
    }

    [Test]
    public async Task ShouldServeTheSavedFile_WithItsTypeLengthAndSha256AsETag()
    {
        var (harness, id, transferId, content) = await SavedAsync(300_000);
        await using var _ = harness;

        using var response = await harness.Client.GetAsync($"/status/{id}/files/{transferId}");
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body, Is.EqualTo(content));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/octet-stream"));
            Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(300_000));
            Assert.That(response.Headers.ETag!.Tag, Is.EqualTo($"\"{Convert.ToHexStringLower(SHA256.HashData(content))}\""));
            Assert.That(response.Headers.AcceptRanges, Does.Contain("bytes"));
        });
    }

    [Test]
    public async Task ShouldServeARange_AndAnswerNotModifiedForTheSameETag()
    {
        var (harness, id, transferId, content) = await SavedAsync(10_000, "application/json");
        await using var _ = harness;
        using var ranged = new HttpRequestMessage(HttpMethod.Get, $"/status/{id}/files/{transferId}");
        ranged.Headers.Range = new RangeHeaderValue(1000, 1999);

        using var partial = await harness.Client.SendAsync(ranged);
        var slice = await partial.Content.ReadAsByteArrayAsync();
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/status/{id}/files/{transferId}");
        again.Headers.IfNoneMatch.Add(partial.Headers.ETag!);
        using var notModified = await harness.Client.SendAsync(again);

        Assert.Multiple(() =>
        {
            Assert.That(partial.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(slice, Is.EqualTo(content[1000..2000]));
            Assert.That(partial.Content.Headers.ContentRange!.ToString(), Is.EqualTo("bytes 1000-1999/10000"));
            Assert.That(partial.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        });
    }

    [TestCase("no-such-transfer")]
    [TestCase("..%2F..%2Fetc%2Fpasswd")]
    public async Task ShouldAnswer404InTheEnvelope_ForATransferWithoutASavedFile(string transferId)
    {
        var (harness, id, _, _) = await SavedAsync(10);
        await using var __ = harness;

        using var response = await harness.Client.GetAsync($"/status/{id}/files/{transferId}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(body.GetProperty("status_code").GetInt32(), Is.EqualTo(404));
            Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("File not found"));
        });
    }

    [Test]
    public async Task ShouldAnswer404_WhenTheFileWasRemovedFromDisk_AndForAnUnknownOrchestration()
    {
        var (harness, id, transferId, _) = await SavedAsync(10);
        await using var _ = harness;
        foreach (var file in Directory.GetFiles(harness.DataDirectory))
        {
            File.Delete(file);
        }

        using var gone = await harness.Client.GetAsync($"/status/{id}/files/{transferId}");
        using var unknown = await harness.Client.GetAsync($"/status/{Guid.NewGuid()}/files/{transferId}");

        Assert.Multiple(() =>
        {
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
