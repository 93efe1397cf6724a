using DataOrchestrator.Application;
using DataOrchestrator.Application.Transfers.Catalog;
using DataOrchestrator.Application.Transfers.Catalog.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Tests.Unit.Application.Transfers.Catalog;

/// <summary>The Catalog options bound by AddApplication: the accepted-policies file is loaded, or the host does not start.</summary>
public sealed class CatalogOptionsTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("catalog-options-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCase("""{"policies": {}}""", "is not a valid accepted-policies file: policies must be an array")]
    [TestCase("not json", "is not valid JSON")]
    [TestCase(null, "cannot be read")]
    public void ShouldStopTheHostAtStart_WhenTheAcceptedPoliciesFileIsInvalidOrMissing(string? content, string reason)
    {
        var path = Path.Combine(_directory, "accepted.json");
        if (content is not null)
        {
            File.WriteAllText(path, content);
        }

        using var host = Host(path);

        var exception = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.That(exception.Message, Does.StartWith($"Catalog:AcceptedPoliciesFile (ACCEPTED_POLICIES_FILE): '{path}' ").And.Contain(reason));
    }

    [Test]
    public async Task ShouldServeTheFileLoadedAtStart_WhenItIsValid()
    {
        var path = Path.Combine(_directory, "accepted.json");
        await File.WriteAllTextAsync(path, """{"providers": {"did:web:p": [{"permission": {"action": "use"}}]}}""");
        using var host = Host(path);
        await host.StartAsync();

        // Gone after the start: the list is the one read then, not a second read.
        File.Delete(path);
        var list = host.Services.GetRequiredService<PolicyAllowList>();

        Assert.Multiple(() =>
        {
            Assert.That(list.Source, Is.EqualTo(path));
            Assert.That(list.Accepts("did:web:p", PolicyJson.Parse("""{"permission": {"action": "use"}}""")), Is.True);
            Assert.That(list.Accepts("did:web:q", PolicyJson.Parse("""{"permission": {"action": "use"}}""")), Is.False);
        });
        await host.StopAsync();
    }

    [Test]
    public async Task ShouldUseTheDefault_AndReuseAgreementsButNotEdrs_WhenNothingIsSet()
    {
        using var host = Host(path: null);
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<CatalogOptions>>().Value;
        Assert.Multiple(() =>
        {
            Assert.That(host.Services.GetRequiredService<PolicyAllowList>(), Is.SameAs(PolicyAllowList.Default));
            Assert.That(options.ReuseAgreements, Is.True);
            Assert.That(options.ReuseEdrs, Is.False);
        });
        await host.StopAsync();
    }

    private static IHost Host(string? path)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Catalog:AcceptedPoliciesFile"] = path });
        builder.Services.AddApplication();
        return builder.Build();
    }
}
