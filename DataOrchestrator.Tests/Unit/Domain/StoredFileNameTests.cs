using DataOrchestrator.Domain.Files;

namespace DataOrchestrator.Tests.Unit.Domain;

public sealed class StoredFileNameTests
{
    private static readonly DateTimeOffset Now = new(2025, 5, 22, 15, 18, 10, TimeSpan.Zero);

    [Test]
    public void ShouldNameFileAsTheOriginal()
    {
        var name = StoredFileName.Create("f3a4b4e9-ccf7-4505-b1ea-50c282249d7a", "application/json", Now, "0b56e3");
        Assert.That(name, Is.EqualTo("file_f3a4b4e9-ccf7-4505-b1ea-50c282249d7a_20250522151810_0b56e3.json"));
    }

    [Test]
    public void ShouldUseUtcTimestamp_WhenClockHasOffset()
    {
        var name = StoredFileName.Create("t", null, new DateTimeOffset(2025, 5, 22, 17, 18, 10, TimeSpan.FromHours(2)), "abcdef");
        Assert.That(name, Is.EqualTo("file_t_20250522151810_abcdef.json"));
    }

    [TestCase("../../etc/passwd", "______etc_passwd")]
    [TestCase("/absolute/path", "_absolute_path")]
    [TestCase("..\\windows\\system32", "___windows_system32")]
    [TestCase("a b\0c\nd", "a_b_c_d")]
    [TestCase("", "unknown")]
    public void ShouldSanitiseTransferId_SoNoIdLeavesTheDirectory(string transferId, string expected)
    {
        var sanitized = StoredFileName.SanitizeId(transferId);
        Assert.Multiple(() =>
        {
            Assert.That(sanitized, Is.EqualTo(expected));
            Assert.That(sanitized, Does.Not.Contain("/").And.Not.Contain("\\").And.Not.Contain(".."));
        });
    }

    [Test]
    public void ShouldCapTransferIdLength()
    {
        var name = StoredFileName.Create(new string('a', 5000), null, Now, "abcdef");
        Assert.That(name.Length, Is.LessThan(200));
    }

    [Test]
    public void ShouldRejectRandomPartThatIsNotSixHexDigits() =>
        Assert.That(() => StoredFileName.Create("t", null, Now, "xyz"), Throws.ArgumentException);

    [TestCase(null, "json")]
    [TestCase("", "json")]
    [TestCase("application/json; charset=utf-8", "json")]
    [TestCase("application/vnd.api+json", "json")]
    [TestCase("text/csv", "csv")]
    [TestCase("text/plain", "txt")]
    [TestCase("application/octet-stream", "bin")]
    [TestCase("application/atom+xml", "xml")]
    [TestCase("text/markdown", "markdown")]
    [TestCase("application/x-../../evil", "bin")]
    public void ShouldPickExtensionFromContentType(string? contentType, string expected) =>
        Assert.That(ContentTypeExtensions.For(contentType), Is.EqualTo(expected));
}
