using DataOrchestrator.Tests.Support.Diagnostics;

namespace DataOrchestrator.Tests.Unit.Support;

public sealed class HeapRootsTests
{
    [Test]
    public void ShouldGiveOneLinePerDistinctPath_WithTheRootAndTheHoldersBeforeTheFirstOfTheTypeNamed()
    {
        const string gcroot = """
            HandleTable:
                00007fb118d412b8 (strong handle)
                      -> 7fa4bd85ecd8     System.Threading.TimerQueueTimer
                      -> 7fa4bd85eff0     Some.Namespace.Holder
                      -> 7fa4bd2e8c00     Microsoft.Extensions.DependencyInjection.ServiceProvider
                00007fb118d412f0 (strong handle)
                      -> 7fa4bd85ecd9     System.Threading.TimerQueueTimer
                      -> 7fa4bd85eff1     Some.Namespace.Holder
                      -> 7fa4bd2e8c00     Microsoft.Extensions.DependencyInjection.ServiceProvider
                      -> 7fa4bd2e8d00     Microsoft.Extensions.DependencyInjection.ServiceLookup.ServiceProviderEngineScope
                      -> 7fa4bd2e8e00     Some.Namespace.Marker
            Found 2 unique roots.
            """;

        var compact = HeapRoots.Compact(gcroot, "Microsoft.Extensions.DependencyInjection.ServiceProvider");

        Assert.That(compact, Is.EqualTo("(strong handle): TimerQueueTimer → Holder → ServiceProvider"));
    }

    [Test]
    public void ShouldShowAPathUpToTheObjectRooted_WhenItNeverPassesTheTypeNamed()
    {
        const string gcroot = """
            Thread 3f2c:
                00007ffd1 00007ff82 Some.Worker+<RunAsync>d__5.MoveNext()
                    rbp-38: 000000ea1
                          -> 7fa4bd85eff0     Some.Namespace.Holder
                          -> 7fa4bd2e8d00     Microsoft.Extensions.DependencyInjection.ServiceLookup.ServiceProviderEngineScope
                          -> 7fa4bd2e8e00     Some.Namespace.Marker
            Found 1 unique roots.
            """;

        var compact = HeapRoots.Compact(gcroot, "Microsoft.Extensions.DependencyInjection.ServiceProvider");

        Assert.That(compact, Is.EqualTo("rbp-38:: Holder → ServiceProviderEngineScope → Marker"));
    }

    [Test]
    public void ShouldSayTheObjectWasUnreachable_WhenGcrootFoundNoRoot()
    {
        var compact = HeapRoots.Compact("Found 0 unique roots.\n", "Microsoft.Extensions.DependencyInjection.ServiceProvider");

        Assert.That(compact, Does.StartWith("none: unreachable when the dump was taken"));
    }
}
