using System.Text.Json;

namespace DataOrchestrator.Tests.Support.Simulator;

/// <summary>One DPS request the fake data plane received: the path's last segment, the process id, the body, the Authorization header.</summary>
internal sealed record ReceivedSignal(string Kind, string ProcessId, JsonElement Body, string Authorization);
