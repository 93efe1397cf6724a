namespace DataOrchestrator.Testing.Processes;

/// <summary>How a program ended: its exit code and what it printed (standard output, then standard error).</summary>
public sealed record ProgramResult(int ExitCode, string Output);
