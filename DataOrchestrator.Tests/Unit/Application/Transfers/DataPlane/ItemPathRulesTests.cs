using DataOrchestrator.Application.Transfers.DataPlane;

namespace DataOrchestrator.Tests.Unit.Application.Transfers.DataPlane;

public sealed class ItemPathRulesTests
{
    [TestCase("parts/42/report")]
    [TestCase("/parts/42/report")]
    [TestCase("parts/")]
    [TestCase("a b/ö/%20/%2F")]
    [TestCase("items/urn:uuid:1")]
    [TestCase("urn%3Ax/y")]
    [TestCase("...")]
    [TestCase(".hidden/..x/x..")]
    [TestCase("1:x")]
    public void ShouldAcceptAPathBelowTheEndpoint(string path) =>
        Assert.That(ItemPathRules.PathRefusal(path), Is.Null);

    [TestCase("http://evil.example/x", ItemPathRules.NotRelative)]
    [TestCase("HTTPS:x", ItemPathRules.NotRelative)]
    [TestCase("x:", ItemPathRules.NotRelative)]
    [TestCase("/file:etc/passwd", ItemPathRules.NotRelative)]
    [TestCase("//evil.example/x", ItemPathRules.EmptySegment)]
    [TestCase("/", ItemPathRules.EmptySegment)]
    [TestCase("a//b", ItemPathRules.EmptySegment)]
    [TestCase("a//", ItemPathRules.EmptySegment)]
    [TestCase("..", ItemPathRules.DotSegment)]
    [TestCase("a/../b", ItemPathRules.DotSegment)]
    [TestCase("./a", ItemPathRules.DotSegment)]
    [TestCase("a/.", ItemPathRules.DotSegment)]
    [TestCase("/../etc", ItemPathRules.DotSegment)]
    [TestCase("a/%2e%2e/b", ItemPathRules.DotSegment)]
    [TestCase("a/%2E/b", ItemPathRules.DotSegment)]
    [TestCase("a/.%2E", ItemPathRules.DotSegment)]
    [TestCase("a/x%2F..%2Fy", ItemPathRules.DotSegment)]
    [TestCase("a\\b", ItemPathRules.Backslash)]
    [TestCase("..%5C..%5Cwin.ini", ItemPathRules.Backslash)]
    [TestCase("a?b=c", ItemPathRules.QueryOrFragment)]
    [TestCase("a#top", ItemPathRules.QueryOrFragment)]
    [TestCase("a\nb", ItemPathRules.ControlCharacters)]
    [TestCase("\ta", ItemPathRules.ControlCharacters)]
    [TestCase("a\u007f", ItemPathRules.ControlCharacters)]
    [TestCase("a%0D%0ASet-Cookie:x", ItemPathRules.ControlCharacters)]
    [TestCase("a%00", ItemPathRules.ControlCharacters)]
    public void ShouldRefuseAPath_ThatCouldLeaveTheEndpointOrIsNotAPath(string path, string expected) =>
        Assert.That(ItemPathRules.PathRefusal(path), Is.EqualTo(expected));

    [Test]
    public void ShouldAcceptAQueryOfPlainText() =>
        Assert.That(ItemPathRules.QueryRefusal(new Dictionary<string, string> { ["lang"] = "de", ["q"] = "a b&c", ["empty"] = string.Empty }, 64), Is.Null);

    [Test]
    public void ShouldRefuseABadQuery_WithAMessageNamingTheProblem()
    {
        var tooMany = Enumerable.Range(0, ItemPathRules.MaxQueryParameters + 1).ToDictionary(i => $"p{i}", i => "v");
        var exactlyMax = Enumerable.Range(0, ItemPathRules.MaxQueryParameters).ToDictionary(i => $"p{i}", i => "v");

        Assert.Multiple(() =>
        {
            Assert.That(ItemPathRules.QueryRefusal(tooMany, 64), Is.EqualTo("Must contain at most 50 parameters."));
            Assert.That(ItemPathRules.QueryRefusal(exactlyMax, 64), Is.Null);
            Assert.That(ItemPathRules.QueryRefusal(new Dictionary<string, string> { [""] = "v" }, 64), Is.EqualTo(ItemPathRules.BlankName));
            Assert.That(ItemPathRules.QueryRefusal(new Dictionary<string, string> { [" "] = "v" }, 64), Is.EqualTo(ItemPathRules.BlankName));
            Assert.That(ItemPathRules.QueryRefusal(new Dictionary<string, string> { ["a"] = null! }, 64), Is.EqualTo(ItemPathRules.NullValue));
            Assert.That(ItemPathRules.QueryRefusal(new Dictionary<string, string> { ["a\r\n"] = "v" }, 64), Is.EqualTo(ItemPathRules.QueryControlCharacters));
            Assert.That(ItemPathRules.QueryRefusal(new Dictionary<string, string> { ["a"] = "v\0" }, 64), Is.EqualTo(ItemPathRules.QueryControlCharacters));
            Assert.That(ItemPathRules.QueryRefusal(new Dictionary<string, string> { ["a"] = new string('v', 65) }, 64), Is.EqualTo("Parameter names and values may not be longer than 64."));
            Assert.That(ItemPathRules.QueryRefusal(new Dictionary<string, string> { [new string('n', 65)] = "v" }, 64), Is.EqualTo("Parameter names and values may not be longer than 64."));
        });
    }
}
