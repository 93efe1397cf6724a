namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>A saved download as the files endpoint serves it: where it is on disk, its media type, size and SHA-256.</summary>
public sealed record SavedFileDto(string PhysicalPath, string ContentType, long Bytes, string Sha256);
