using System.Net;
using DataOrchestrator.Application.Transfers;
using Microsoft.Extensions.Logging;
using Refit;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>The Application's <see cref="IEdcClient"/> port over the Refit-generated Management API v3 client.</summary>
internal sealed class RefitEdcClient(IEdcManagementApi api, ILogger<RefitEdcClient> logger) : IEdcClient
{
    private const string PullTransferType = "HttpData-PULL";
    private static readonly DataDestinationDto HttpProxyDestination = new("DataAddress", "HttpProxy");

    public Task<string> StartTransferAsync(EdcConnection connection, TransferStartRequest request, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var body = new TransferRequestDto(
                [EdcContext.ManagementV3], "TransferRequest", request.CounterPartyAddress, request.ContractId,
                request.ConnectorId, request.Protocol, PullTransferType, HttpProxyDestination);
            var response = await api.StartTransferAsync(connection, body, cancellationToken);
            return string.IsNullOrWhiteSpace(response.Id)
                ? throw new EdcUnavailableException("EDC accepted the transfer request but returned no '@id'.")
                : response.Id;
        }, cancellationToken);

    public Task<string> GetTransferStateAsync(EdcConnection connection, string transferId, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var response = await api.GetTransferStateAsync(connection, transferId, cancellationToken);
            return string.IsNullOrWhiteSpace(response.State)
                ? throw new EdcUnavailableException($"EDC returned no state for transfer process {transferId}.")
                : response.State;
        }, cancellationToken);

    public Task<string?> GetTransferErrorDetailAsync(EdcConnection connection, string transferId, CancellationToken cancellationToken) =>
        CallAsync(async () => (await api.GetTransferProcessAsync(connection, transferId, cancellationToken)).ErrorDetail, cancellationToken);

    public Task TerminateTransferAsync(EdcConnection connection, string transferId, string reason, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            await api.TerminateTransferAsync(
                connection, transferId, new TerminateTransferDto([EdcContext.ManagementV3], "TerminateTransfer", reason), cancellationToken);
            return true;
        }, cancellationToken);

    public Task<EndpointDataReference?> GetDataAddressAsync(EdcConnection connection, string transferId, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            using var response = await api.GetDataAddressAsync(connection, transferId, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // EDC caches the EDR asynchronously after STARTED: a 404 just means "not yet".
                return null;
            }

            if (response.Error is { } error)
            {
                throw error;
            }

            var address = response.Content;
            if (address is null || !Uri.TryCreate(address.Endpoint, UriKind.Absolute, out var endpoint)
                || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                throw new EdcUnavailableException($"The EDR of transfer process {transferId} has no usable http(s) endpoint.");
            }

            if (string.IsNullOrEmpty(address.Authorization))
            {
                throw new EdcUnavailableException($"The EDR of transfer process {transferId} carries no authorization token.");
            }

            return new EndpointDataReference(endpoint, address.Authorization, address.AuthType);
        }, cancellationToken);

    private async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (ApiRequestException wrapped) when (wrapped.InnerException is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The EDC call was cancelled.", wrapped, cancellationToken);
        }
        catch (Exception exception) when (EdcErrors.Translate(Unwrap(exception), cancellationToken) is { } translated)
        {
            logger.LogDebug("EDC call failed: {Reason}", translated.Message);
            throw translated;
        }
    }

    /// <summary>Refit wraps what HttpClient and the resilience handler throw before a response arrived.</summary>
    private static Exception Unwrap(Exception exception) =>
        exception is ApiRequestException { InnerException: { } inner } ? inner : exception;
}
