using System.Diagnostics;
using System.Security.Cryptography;
using DataOrchestrator.EdcSimulator.DataPlane;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

public sealed class LargeDownloadTests
{
    private const long Size = 256L * 1024 * 1024;
    private const long AllowedGrowth = 64L * 1024 * 1024;

    [Test]
    [CancelAfter(120_000)]
    public async Task ShouldStream256MiB_ToDisk_WithFlatMemory()
    {
        await using var harness = await ServiceHarness.StartAsync();
        harness.Simulator.State.SetBehaviour("big", new() { PayloadBytes = Size });
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(20);
            }
        });

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("big")), TimeSpan.FromSeconds(90));
        await sampling.CancelAsync();
        await sampler;

        var item = entry.GetProperty("items")[0];
        var path = item.GetProperty("storage_path").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"));
            Assert.That(item.GetProperty("bytes").GetInt64(), Is.EqualTo(Size));
            Assert.That(new FileInfo(path).Length, Is.EqualTo(Size));
            Assert.That(item.GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SimulatedPayload.ComputeSha256(Size))));
            Assert.That(peak - baseline, Is.LessThan(AllowedGrowth), $"working set grew by {(peak - baseline) / (1024 * 1024)} MiB");
        });

        await using var file = File.OpenRead(path);
        Assert.That(Convert.ToHexStringLower(await SHA256.HashDataAsync(file)), Is.EqualTo(item.GetProperty("sha256").GetString()), "the file on disk is what was hashed");
    }
}
