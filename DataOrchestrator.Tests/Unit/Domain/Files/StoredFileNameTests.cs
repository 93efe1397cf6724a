using DataOrchestrator.Domain.Files;

namespace DataOrchestrator.Tests.Unit.Domain.Files;

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
    [TestCase("é", "_")]
    public void ShouldSanitiseTransferId_SoNoIdLeavesTheDirectory(string transferId, string expectedStart)
    {
        var sanitized = StoredFileName.SanitizeId(transferId);
        Assert.Multiple(() =>
        {
            Assert.That(sanitized, Does.Match($"^{expectedStart}\\.[0-9a-f]{{16}}$"), "what was replaced is marked by a hash of the original");
            Assert.That(sanitized, Does.Not.Contain("/").And.Not.Contain("\\").And.Not.Contain(".."));
        });
    }

    [TestCase("f3a4b4e9-ccf7-4505-b1ea-50c282249d7a")]
    [TestCase("tp_1-A")]
    public void ShouldKeepTransferIdAsItIs_WhenNothingInItNeedsReplacing(string transferId) =>
        Assert.That(StoredFileName.SanitizeId(transferId), Is.EqualTo(transferId));

    [TestCase(null)]
    [TestCase("")]
    public void ShouldNameTheIdUnknown_WhenThereIsNone(string? transferId) =>
        Assert.That(StoredFileName.SanitizeId(transferId), Is.EqualTo("unknown"));

    [TestCase("a/b", "a_b")]
    [TestCase("a/b", "a\\b")]
    [TestCase("../x", "__/x")]
    [TestCase("a\0", "a\n")]
    public void ShouldGiveDifferentIdsDifferentNames_WhenTheySanitiseAlike(string one, string other) =>
        Assert.That(StoredFileName.SanitizeId(one), Is.Not.EqualTo(StoredFileName.SanitizeId(other)));

    [Test]
    public void ShouldGiveLongIdsDifferentNames_WhenTheyDifferOnlyPastTheCut()
    {
        var common = new string('a', 500);

        Assert.That(StoredFileName.SanitizeId(common + "1"), Is.Not.EqualTo(StoredFileName.SanitizeId(common + "2")));
    }

    [Test]
    public void ShouldCapTransferIdLength()
    {
        var name = StoredFileName.Create(new string('a', 5000), null, Now, "abcdef");
        Assert.That(name.Length, Is.LessThan(200));
    }

    [Test]
    public void ShouldKeepNamesWithin255Bytes_WhateverTheIdAndContentType()
    {
        var id = string.Concat(Enumerable.Repeat("\U0001F4A5é/\0", 2000));

        var name = StoredFileName.Create(id, "text/abcdefghijkl", Now, "abcdef");

        Assert.Multiple(() =>
        {
            Assert.That(System.Text.Encoding.UTF8.GetByteCount(name), Is.EqualTo(name.Length), "ASCII only");
            Assert.That(name.Length, Is.LessThanOrEqualTo(185), "leaves room for the '.{name}.{32 hex}.part' temporary name: 224 of 255");
        });
    }

    [TestCase("file_tp-1_20250522151810_0b56e3.json", "tp-1", true)]
    [TestCase("file_tp-1_20250522151810_0b56e3.markdown", "tp-1", true)]
    [TestCase("file_tp-1_x_20250522151810_0b56e3.json", "tp-1", false)]
    [TestCase("file_tp-1_20250522151810_0b56e3.json", "tp-1_x", false)]
    [TestCase("file_tp-1_20250522151810_0b56e3.json.bak", "tp-1", false)]
    [TestCase("file_tp_1_20250522151810_0b56e3.json", "tp/1", false)]
    [TestCase("file_TP-1_20250522151810_0b56e3.json", "tp-1", false)]
    public void ShouldRecogniseExactlyTheNamesOfOneTransfer(string fileName, string transferId, bool expected) =>
        Assert.That(StoredFileName.IsNameOf(fileName, transferId), Is.EqualTo(expected));

    [Test]
    public void ShouldRecogniseTheNameItGave_ForAHostileId()
    {
        const string transferId = "../../\0evil";
        Assert.That(StoredFileName.IsNameOf(StoredFileName.Create(transferId, "text/csv", Now, "abcdef"), transferId), Is.True);
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
