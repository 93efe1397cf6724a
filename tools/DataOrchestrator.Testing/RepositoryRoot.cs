namespace DataOrchestrator.Testing;

/// <summary>The repository this code was built in: the directory holding DataOrchestrator.sln, above the running assembly.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "DataOrchestrator.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException($"DataOrchestrator.sln not found above {AppContext.BaseDirectory}: run from inside the repository.");
    }
}
