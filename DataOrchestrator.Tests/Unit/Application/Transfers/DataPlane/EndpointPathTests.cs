using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Tests.Support.Builders;

namespace DataOrchestrator.Tests.Unit.Application.Transfers.DataPlane;

public sealed class EndpointPathTests
{
    private static string Append(string endpoint, string? path, Dictionary<string, string>? query = null) =>
        EndpointPath.Of(path, query).AppendTo(new Uri(endpoint)).AbsoluteUri;

    [TestCase("http://dp:11002/api/public", "parts/42/report", "http://dp:11002/api/public/parts/42/report")]
    [TestCase("http://dp:11002/api/public/", "parts/42/report", "http://dp:11002/api/public/parts/42/report")]
    [TestCase("http://dp:11002/api/public", "/parts/42/report", "http://dp:11002/api/public/parts/42/report")]
    [TestCase("http://dp:11002/api/public/", "/parts/42/report", "http://dp:11002/api/public/parts/42/report")]
    [TestCase("http://dp:11002", "parts", "http://dp:11002/parts")]
    [TestCase("http://dp:11002/api/public", "parts/", "http://dp:11002/api/public/parts/")]
    public void ShouldJoinThePathWithExactlyOneSlash_WhateverTheEndpointEndsWith(string endpoint, string path, string expected) =>
        Assert.That(Append(endpoint, path), Is.EqualTo(expected));

    [TestCase("a b/c d", "/api/public/a%20b/c%20d")]
    [TestCase("größe/€", "/api/public/gr%C3%B6%C3%9Fe/%E2%82%AC")]
    [TestCase("a\"<>[]{}|^`b", "/api/public/a%22%3C%3E%5B%5D%7B%7D%7C%5E%60b")]
    [TestCase("50%/x", "/api/public/50%25/x")]
    [TestCase("%zz", "/api/public/%25zz")]
    [TestCase("a%20b/c%2Fd", "/api/public/a%20b/c%2Fd")]
    [TestCase("urn%3Auuid%3A1/x", "/api/public/urn%3Auuid%3A1/x")]
    [TestCase("items/urn:uuid:1;v=2/@x+y,z~_-.(!)*$&'=", "/api/public/items/urn:uuid:1;v=2/@x+y,z~_-.(!)*$&'=")]
    [TestCase("😀", "/api/public/%F0%9F%98%80")]
    public void ShouldPercentEncodeWhatAPathSegmentCannotHold_AndKeepValidEscapesAndSlashes(string path, string expected) =>
        Assert.That(new Uri(Append("http://dp/api/public", path)).AbsolutePath, Is.EqualTo(expected));

    [Test]
    public void ShouldEncodeQueryNamesAndValues_AndAddThemInNameOrder()
    {
        var query = new Dictionary<string, string> { ["q"] = "a b&c=d", ["lang"] = "de", ["x y"] = "50%", ["empty"] = string.Empty, ["ö"] = "#" };

        Assert.That(
            Append("http://dp/api/public", "parts/42", query),
            Is.EqualTo("http://dp/api/public/parts/42?empty=&lang=de&q=a%20b%26c%3Dd&x%20y=50%25&%C3%B6=%23"));
    }

    [TestCase("http://dp/api/public?token=1", "http://dp/api/public/r?token=1&lang=de")]
    [TestCase("http://dp/api/public/?token=1&", "http://dp/api/public/r?token=1&lang=de")]
    [TestCase("http://dp/api/public?", "http://dp/api/public/r?lang=de")]
    [TestCase("http://dp/api/public?lang=en#part", "http://dp/api/public/r?lang=en&lang=de")]
    public void ShouldKeepTheEndpointsOwnQuery_AndAddTheItemsAfterIt(string endpoint, string expected) =>
        Assert.That(Append(endpoint, "r", new Dictionary<string, string> { ["lang"] = "de" }), Is.EqualTo(expected));

    [Test]
    public void ShouldKeepTheEndpointsQuery_WhenOnlyAPathIsAdded() =>
        Assert.That(Append("http://dp/api/public?token=a%20b", "r"), Is.EqualTo("http://dp/api/public/r?token=a%20b"));

    [TestCase(null)]
    [TestCase("/")]
    public void ShouldReturnTheEndpointUnchanged_WhenThereIsNoPathOrQuery(string? path)
    {
        var endpoint = new Uri("http://dp/api/public?token=1#f");
        Assert.Multiple(() =>
        {
            Assert.That(EndpointPath.Of(path, null).AppendTo(endpoint), Is.SameAs(endpoint));
            Assert.That(EndpointPath.Of(path, new Dictionary<string, string>()).AppendTo(endpoint), Is.SameAs(endpoint));
            Assert.That(EndpointPath.None.AppendTo(endpoint), Is.SameAs(endpoint));
        });
    }

    [TestCase("https://dp.example:8443/api/public", "x/y")]
    [TestCase("http://10.0.0.5/api/public/", "%2F%2Fevil.example/x")]
    [TestCase("http://[::1]:9/api", "@evil.example/x")]
    public void ShouldNeverChangeTheSchemeOrAuthority(string endpoint, string path)
    {
        var before = new Uri(endpoint);
        var after = EndpointPath.Of(path, new Dictionary<string, string> { ["h"] = "http://evil.example/" }).AppendTo(before);
        Assert.That(after.GetLeftPart(UriPartial.Authority), Is.EqualTo(before.GetLeftPart(UriPartial.Authority)));
    }

    [TestCase("../secret")]
    [TestCase("a/%2e%2e/b")]
    [TestCase("http://evil.example/x")]
    public void ShouldRefuseAPathTheValidatorRefuses_EvenIfOneGotStored(string path) =>
        Assert.That(() => EndpointPath.Of(path, null).AppendTo(new Uri("http://dp/api/public")), Throws.ArgumentException);

    [Test]
    public void ShouldTakeThePathAndQueryOfAnItem()
    {
        var item = OrchestrationBuilder.Item(0) with { Path = "parts/42", Query = new Dictionary<string, string> { ["lang"] = "de" } };

        Assert.Multiple(() =>
        {
            Assert.That(EndpointPath.Of(item).AppendTo(new Uri("http://dp/api/public")).AbsoluteUri, Is.EqualTo("http://dp/api/public/parts/42?lang=de"));
            Assert.That(EndpointPath.Of(OrchestrationBuilder.Item(1)), Is.SameAs(EndpointPath.None));
        });
    }
}
