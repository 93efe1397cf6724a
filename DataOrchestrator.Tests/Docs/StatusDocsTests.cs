using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support;

namespace DataOrchestrator.Tests.Docs;

/// <summary>
/// The docs name every wire status (<see cref="StatusNames"/>), so a new status cannot ship undocumented: item and
/// process statuses in docs/api.md, callback states in docs/operations/callbacks.md (which api.md links to).
/// A status counts as named when the page writes it as code: <c>`SAVED`</c>.
/// </summary>
public sealed class StatusDocsTests
{
    private static readonly string ApiDocs = Path.Combine(RepositoryPaths.Root, "docs", "api.md");

    private static readonly string CallbackDocs = Path.Combine(RepositoryPaths.Root, "docs", "operations", "callbacks.md");

    [Test]
    public void ShouldNameEveryItemStatus_InTheApiDocs() =>
        Assert.That(Undocumented(ApiDocs, StatusNames.All<ItemStatus>()), Is.Empty, "item statuses missing from docs/api.md");

    [Test]
    public void ShouldNameEveryProcessStatus_InTheApiDocs() =>
        Assert.That(Undocumented(ApiDocs, StatusNames.All<ProcessStatus>()), Is.Empty, "process statuses missing from docs/api.md");

    [Test]
    public void ShouldNameEveryCallbackState_InTheCallbackDocs() =>
        Assert.That(Undocumented(CallbackDocs, StatusNames.All<CallbackState>()), Is.Empty, "callback states missing from docs/operations/callbacks.md");

    [Test]
    public void ShouldNoticeAStatusTheDocsDoNotName() =>
        Assert.That(Undocumented(ApiDocs, ["NOT_A_STATUS"]), Is.EqualTo(new[] { "NOT_A_STATUS" }));

    private static string[] Undocumented(string page, IReadOnlyList<string> wireNames)
    {
        var text = File.ReadAllText(page);
        return wireNames.Where(name => !text.Contains($"`{name}`", StringComparison.Ordinal)).ToArray();
    }
}
