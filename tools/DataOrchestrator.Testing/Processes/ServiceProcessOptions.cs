namespace DataOrchestrator.Testing.Processes;

/// <summary>What <see cref="ServiceProcess.StartAsync"/> runs, and how it knows the program is ready.</summary>
public sealed record ServiceProcessOptions
{
    /// <summary>Names the process in messages and its scratch directory.</summary>
    public required string Name { get; init; }

    /// <summary>The built program, run as <c>&lt;Host&gt; &lt;Dll&gt; --urls http://127.0.0.1:&lt;port&gt; &lt;Arguments&gt;</c>.</summary>
    public required string Dll { get; init; }

    /// <summary>The program that runs <see cref="Dll"/>: <c>dotnet</c>, or <c>node</c> for a script.</summary>
    public string Host { get; init; } = "dotnet";

    /// <summary>Arguments after <c>--urls</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Stands in an environment value for the address the program listens on (known only once it is chosen).</summary>
    public const string AddressPlaceholder = "{address}";

    /// <summary>
    /// Environment variables over those of this process; a null value removes one, and <see cref="AddressPlaceholder"/>
    /// in a value becomes the program's own address (e.g. a public URL it announces to others).
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Where the program runs; when null, a scratch directory of its own that is deleted with it.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Files written into the working directory before the start (name, content), such as a <c>.env</c>.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A path that answers 200 once the program is ready (<c>/health/live</c>); the start returns then. When null the
    /// start returns as soon as the process runs, and the program listens on a port of the system's choosing.
    /// </summary>
    public string? ReadyPath { get; init; }

    /// <summary>How long the program may take to answer on <see cref="ReadyPath"/>.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Sent as <c>X-Api-Key</c> by <see cref="ServiceProcess.Client"/> when set.</summary>
    public string? ApiKey { get; init; }

    /// <summary>A file that receives every output line as it comes, besides memory.</summary>
    public string? LogFile { get; init; }

    /// <summary>Keeps the output lines in memory for <see cref="ServiceProcess.OutputLines"/>; off for long runs that log to a file.</summary>
    public bool KeepOutput { get; init; } = true;
}
