using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// Whatever transfer ids and response headers a connector hands out, the service saves files only inside its data
/// directory, under names the file system accepts. The file name comes from the transfer id and Content-Type only:
/// Content-Disposition is not read at all.
/// </summary>
public sealed class HostileConnectorPathTests
{
    private static readonly string[] HostileTransferIdPrefixes =
    [
        "../../../",
        "..%2F..%2F",
        "/etc/cron.d/",
        "..\\..\\",
        "C:\\Windows\\",
        // Not "\0": Kestrel (like Jetty in front of a real EDC) refuses "%00" in a path, so such a transfer cannot even
        // be polled and the item fails EDC_REQUEST_REJECTED; FileDataStorePathTests covers NUL in a name.
        "\n\r\t\u001b[31m",
        new('x', 300),
        string.Concat(Enumerable.Repeat("\U0001F4A5", 100)),
    ];

    private static JsonElement[] Items(JsonElement entry) => [.. entry.GetProperty("items").EnumerateArray()];

    private static void AssertSavedInside(ServiceHarness harness, JsonElement item)
    {
        var path = Path.GetFullPath(item.GetProperty("storage_path").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(item.GetProperty("status").GetString(), Is.EqualTo("SAVED"), item.ToString());
            Assert.That(Path.GetDirectoryName(path), Is.EqualTo(Path.GetFullPath(harness.DataDirectory)));
            Assert.That(Encoding.UTF8.GetByteCount(Path.GetFileName(path)), Is.LessThanOrEqualTo(255));
            Assert.That(File.Exists(path), Is.True);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ShouldSaveEveryFileInsideTheDataDirectory_WhateverTransferIdsTheConnectorHandsOut()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var contracts = HostileTransferIdPrefixes.Select((prefix, index) => (Contract: $"hostile-{index}", Prefix: prefix)).ToArray();
        foreach (var (contract, prefix) in contracts)
        {
            harness.Simulator.State.SetBehaviour(contract, new() { TransferIdPrefix = prefix });
        }

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest([.. contracts.Select(c => c.Contract)])));

        var items = Items(entry);
        Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
        for (var i = 0; i < contracts.Length; i++)
        {
            Assert.That(items[i].GetProperty("transfer_id").GetString(), Does.StartWith(contracts[i].Prefix), "the service really got the hostile id");
            AssertSavedInside(harness, items[i]);
        }

        Assert.That(harness.FilesOnDisk(), Has.Length.EqualTo(contracts.Length), "one file per item, each under a name of its own, no temporary file left");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ShouldIgnoreContentDisposition_AndTakeOnlyAPlainExtensionFromContentType_WhenHeadersCarryPaths()
    {
        await using var harness = await ServiceHarness.StartAsync();
        const string disposition = "attachment; filename=\"../../../etc/cron.d/evil.sh\"; filename*=UTF-8''..%2F..%2Fevil.sh";
        harness.Simulator.State.SetBehaviour("parameter", new() { ContentType = "text/plain; name=\"../../../etc/cron.d/evil.sh\"", ContentDisposition = disposition });
        harness.Simulator.State.SetBehaviour("unparsable", new() { ContentType = "text/../../../etc/cron.d/evil", ContentDisposition = disposition });

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("parameter", "unparsable")));

        // An unparsable Content-Type is dropped by HttpClient, so the file gets the default extension, as with none.
        var items = Items(entry);
        string[] extensions = ["txt", "json"];
        for (var i = 0; i < items.Length; i++)
        {
            AssertSavedInside(harness, items[i]);
            Assert.That(
                Path.GetFileName(items[i].GetProperty("storage_path").GetString()),
                Does.Match($"^file_{Regex.Escape(items[i].GetProperty("transfer_id").GetString()!)}_[0-9]{{14}}_[0-9a-f]{{6}}\\.{extensions[i]}$"),
                "named after the transfer id, with a plain extension: nothing of either header's path");
        }

        Assert.That(harness.FilesOnDisk(), Has.Length.EqualTo(2));
    }
}
