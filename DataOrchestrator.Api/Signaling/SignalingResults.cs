using DataOrchestrator.Api.Contracts;
using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Domain.DataFlows;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.AspNetCore.Mvc;

namespace DataOrchestrator.Api.Signaling;

/// <summary>The answers of the signaling endpoints: the spec's status messages, and errors in the service's envelope.</summary>
internal static class SignalingResults
{
    /// <summary>Longest process id (a path segment or <c>processId</c>) the service keeps; EDC's are UUIDs.</summary>
    public const int MaxIdLength = 256;

    public static ObjectResult Error(int statusCode, string message, params (string Key, string Value)[] details) =>
        new(ErrorResponse.Of(statusCode, message, details.ToDictionary(d => d.Key, d => new[] { d.Value })))
        {
            StatusCode = statusCode,
        };

    public static ObjectResult Invalid(IReadOnlyList<string> reasons) =>
        new(ErrorResponse.Of(StatusCodes.Status400BadRequest, "Invalid signaling message", new Dictionary<string, string[]> { ["body"] = [.. reasons] }))
        {
            StatusCode = StatusCodes.Status400BadRequest,
        };

    /// <summary>Null too: MVC binds a path segment of only white space as null.</summary>
    public static ObjectResult? CheckId(string? id) =>
        string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength || id.Any(char.IsControl)
            ? Error(StatusCodes.Status400BadRequest, "Invalid signaling message", ("id", $"A data flow id has 1–{MaxIdLength} characters and no control characters."))
            : null;

    /// <summary>200 with the spec's <c>DataFlowStatusMessage</c>, or 404 / 409 with the reason.</summary>
    public static IActionResult Of(SignalResult result, bool withStatusMessage = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status switch
        {
            SignalStatus.Done when withStatusMessage => new OkObjectResult(StatusMessage(result.Flow!)),
            SignalStatus.Done => new OkResult(),
            SignalStatus.NotFound => Error(StatusCodes.Status404NotFound, "Data flow not found", ("id", result.Reason!)),
            _ => Error(StatusCodes.Status409Conflict, "Data flow state conflict", ("state", result.Reason!)),
        };
    }

    public static DataFlowStatusMessage StatusMessage(DataFlow flow) => new()
    {
        MessageId = Guid.NewGuid().ToString(),
        DataFlowId = flow.ProcessId,
        State = StatusNames.WireName(flow.State),
    };
}
