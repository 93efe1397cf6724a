using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using DataOrchestrator.Api.Authentication;
using DataOrchestrator.Application.Transfers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Tests.Unit.Api.Authentication;

public sealed class ApiKeyVerifierTests
{
    private static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static ApiKeyVerifier Verifier(string apiKeys) =>
        new(Options.Create(new ApiKeyOptions { ApiKeys = apiKeys }), Options.Create(new TransferOptions { ApiKey = "edc" }), NullLogger<ApiKeyVerifier>.Instance);

    private static List<ValidationResult> Validate(string apiKeys)
    {
        var options = new ApiKeyOptions { ApiKeys = apiKeys };
        return options.Validate(new ValidationContext(options)).ToList();
    }

    [Test]
    public void ShouldAcceptTheKey_WhenOnlyItsSha256IsConfigured()
    {
        var configured = "sha256:" + Sha256Hex("alpha-key");
        var verifier = Verifier(configured);

        Assert.Multiple(() =>
        {
            Assert.That(verifier.IsValid("alpha-key"), Is.True);
            Assert.That(verifier.IsValid(configured), Is.False, "the configured entry is not itself a key");
            Assert.That(verifier.IsValid(Sha256Hex("alpha-key")), Is.False, "nor is the hash");
            Assert.That(verifier.IsValid("alpha-ke"), Is.False);
        });
    }

    [Test]
    public void ShouldAcceptPlainAndHashedKeys_WhenBothAreInOneList()
    {
        var verifier = Verifier($"beta-key, SHA256:{Sha256Hex("alpha-key").ToUpperInvariant()} ,sha256:{Sha256Hex("gamma-key")}");

        Assert.Multiple(() =>
        {
            Assert.That(verifier.IsValid("alpha-key"), Is.True, "prefix and hex digits in either case");
            Assert.That(verifier.IsValid("beta-key"), Is.True);
            Assert.That(verifier.IsValid("gamma-key"), Is.True);
            Assert.That(verifier.IsValid("edc"), Is.False, "the EDC key is not a client key once API_KEYS is set");
            Assert.That(verifier.IsValid("delta-key"), Is.False);
        });
    }

    [TestCase("sha256:abc")]
    [TestCase("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [TestCase("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    [TestCase("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    [TestCase("sha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void ShouldRejectAMalformedHashEntry_WithoutRepeatingIt(string entry)
    {
        var errors = Validate($"plain-key,{entry}");

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(errors[0].ErrorMessage, Does.Contain("API_KEYS entry 2").And.Contain("64 hexadecimal digits").And.Contain("sha256sum"));
            Assert.That(errors[0].ErrorMessage, Does.Not.Contain(entry), "a mistyped entry may be a real key");
            Assert.That(errors[0].MemberNames, Is.EqualTo(new[] { nameof(ApiKeyOptions.ApiKeys) }));
        });
    }

    [Test]
    public void ShouldRejectAHashEntry_WhenNothingFollowsThePrefix() =>
        Assert.That(Validate("sha256:").Select(e => e.ErrorMessage), Has.Exactly(1).Contains("API_KEYS entry 1 starts with 'sha256:'"));

    [TestCase("")]
    [TestCase("plain-key")]
    [TestCase("plain-key, sha256:0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef")]
    public void ShouldAcceptWellFormedEntries(string apiKeys) => Assert.That(Validate(apiKeys), Is.Empty);

    [Test]
    public void ShouldAcceptConfiguredKeysOnly()
    {
        var verifier = new ApiKeyVerifier(
            Options.Create(new ApiKeyOptions { ApiKeys = "alpha, beta" }), Options.Create(new TransferOptions { ApiKey = "edc" }), NullLogger<ApiKeyVerifier>.Instance);
        Assert.Multiple(() =>
        {
            Assert.That(verifier.IsValid("alpha"), Is.True);
            Assert.That(verifier.IsValid("beta"), Is.True);
            Assert.That(verifier.IsValid("edc"), Is.False, "the EDC key is not a client key once API_KEYS is set");
            Assert.That(verifier.IsValid("alph"), Is.False);
            Assert.That(verifier.IsValid(""), Is.False);
            Assert.That(verifier.IsValid(null), Is.False);
        });
    }

    [Test]
    public void ShouldFallBackToEdcKey_WhenNoClientKeysAreSet()
    {
        var verifier = new ApiKeyVerifier(Options.Create(new ApiKeyOptions()), Options.Create(new TransferOptions { ApiKey = "password" }), NullLogger<ApiKeyVerifier>.Instance);
        Assert.That(verifier.IsValid("password"), Is.True);
    }
}
