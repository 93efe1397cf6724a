namespace DataOrchestrator.Tests.Contract;

/// <summary>Files of the repository the tests check against (the committed contract).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string OpenApiDocument => Path.Combine(Root, "docs", "openapi.json");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DataOrchestrator.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("DataOrchestrator.sln not found above the test assembly.");
    }
}
