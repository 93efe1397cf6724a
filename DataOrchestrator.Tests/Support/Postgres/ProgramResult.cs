namespace DataOrchestrator.Tests.Support.Postgres;

/// <summary>How a PostgreSQL program ended: its exit code and what it printed (standard output, then error).</summary>
internal sealed record ProgramResult(int ExitCode, string Output);
