namespace DataOrchestrator.Application.Transfers.Storage;

/// <summary>A payload saved in the data directory, with what was measured while it streamed in.</summary>
public sealed record StoredFile(string StoragePath, long Bytes, string Sha256);
