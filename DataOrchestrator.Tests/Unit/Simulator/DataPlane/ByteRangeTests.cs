using DataOrchestrator.EdcSimulator.DataPlane;

namespace DataOrchestrator.Tests.Unit.Simulator.DataPlane;

public sealed class ByteRangeTests
{
    [TestCase(null, 100, null, false)]
    [TestCase("bytes=5-", 100, "5-100", false)]
    [TestCase("bytes=5-9", 100, "5-10", false)]
    [TestCase("bytes=-10", 100, "90-100", false)]
    [TestCase("bytes=-500", 100, "0-100", false)]
    [TestCase("BYTES=0-0", 100, "0-1", false)]
    [TestCase("bytes=100-", 100, null, true)]
    [TestCase("bytes=-0", 100, null, true)]
    [TestCase("bytes=0-", 0, null, true)]
    [TestCase("bytes=9-5", 100, null, false)]
    [TestCase("bytes=0-1,5-6", 100, null, false)]
    [TestCase("items=0-5", 100, null, false)]
    [TestCase("bytes=x-", 100, null, false)]
    [TestCase("bytes=-", 100, null, false)]
    public void ShouldReadOneByteRange_AndIgnoreWhatRfc9110LetsAServerIgnore(string? header, long length, string? expected, bool unsatisfiable)
    {
        var range = ByteRange.Parse(header, length, out var isUnsatisfiable);

        Assert.That(range is { } r ? $"{r.Start}-{r.End}" : null, Is.EqualTo(expected));
        Assert.That(isUnsatisfiable, Is.EqualTo(unsatisfiable));
    }
}
