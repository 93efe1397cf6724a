using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.DataPlane;

namespace DataOrchestrator.Tests.Unit.Application.Transfers.DataPlane;

public sealed class EndpointRewriteRulesTests
{
    [Test]
    public void ShouldRewriteTheFirstMatchingPrefix_AndKeepTheRest()
    {
        Assert.That(EndpointRewriteRules.TryParse(
            "http://provider-qna-dataplane:11002=http://localhost:11002, http://other=https://gateway/other", out var rules, out _), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(rules.Apply(new Uri("http://provider-qna-dataplane:11002/api/public?x=1")).AbsoluteUri, Is.EqualTo("http://localhost:11002/api/public?x=1"));
            Assert.That(rules.Apply(new Uri("http://other/path")).AbsoluteUri, Is.EqualTo("https://gateway/other/path"));
            Assert.That(rules.Apply(new Uri("http://unrelated:9/api/public")).AbsoluteUri, Is.EqualTo("http://unrelated:9/api/public"));
        });
    }

    [TestCase("http://a")]
    [TestCase("http://a=ftp://b")]
    [TestCase("a=b")]
    public void ShouldRejectMalformedRules(string text)
    {
        Assert.That(EndpointRewriteRules.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("rewrite rule"));
    }

    [Test]
    public void ShouldFailOptionsValidation_ForAMalformedRule()
    {
        var options = new TransferOptions { EndpointRewrites = "not-a-rule" };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);
        Assert.Multiple(() =>
        {
            Assert.That(valid, Is.False);
            Assert.That(results.Select(r => r.ErrorMessage), Has.Some.Contains("EndpointRewrites"));
        });
    }
}
