namespace DataOrchestrator.Application.Transfers.DataPlane;

/// <summary>Ask the data plane for the payload from <paramref name="Offset"/> on (<c>Range: bytes=Offset-</c>), if it is still <paramref name="Validator"/>.</summary>
public sealed record ResumeFrom(long Offset, string? Validator);
