using System.Net;
using DataOrchestrator.Application.Transfers.Catalog;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Negotiation;
using Microsoft.Extensions.Logging;
using Refit;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>The Application's <see cref="IEdcClient"/> port over the Refit-generated Management API client (v3 and v4).</summary>
internal sealed class RefitEdcClient(IEdcManagementApi api, ILogger<RefitEdcClient> logger) : IEdcClient
{
    private const string AutoRefresh = "true";

    public async Task<CatalogDataset> GetDatasetAsync(EdcConnection connection, DatasetRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync(
                async () => CatalogAnswers.Dataset(
                    await api.GetDatasetAsync(connection, connection.ApiVersion, EdcRequestBodies.Dataset(connection.IsV4, request), cancellationToken), request.AssetId),
                cancellationToken);
        }
        catch (EdcRequestRejectedException notFound) when (notFound.StatusCode == 404)
        {
            throw new CatalogRequestFailedException(assetNotFound: true, notFound.Message, notFound.Errors);
        }
        catch (EdcUnavailableException relayed) when (relayed.StatusCode == 502)
        {
            // EDC reached the provider (or tried to) and relays its answer: retrying the same request cannot change it.
            throw new CatalogRequestFailedException(CatalogAnswers.IsNotFound(relayed.Errors), relayed.Message, relayed.Errors);
        }
    }

    public Task<IReadOnlyList<HeldAgreement>> QueryAgreementsAsync(EdcConnection connection, string assetId, string providerId, CancellationToken cancellationToken) =>
        CallAsync(
            async () => CatalogAnswers.Agreements(
                await api.QueryAgreementsAsync(connection, connection.ApiVersion, EdcRequestBodies.Agreements(connection.IsV4, assetId, providerId), cancellationToken)),
            cancellationToken);

    public Task<IReadOnlyList<HeldEdr>> QueryEdrsAsync(EdcConnection connection, string agreementId, string? assetId, CancellationToken cancellationToken) =>
        CallAsync(
            async () => CatalogAnswers.Edrs(
                await api.QueryEdrsAsync(connection, connection.EdrApiVersion, EdcRequestBodies.Edrs(agreementId, assetId), cancellationToken)),
            cancellationToken);

    public Task<string> StartNegotiationAsync(EdcConnection connection, NegotiationStartRequest request, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var body = EdcRequestBodies.Negotiation(connection.IsV4, request);
            var response = await api.StartNegotiationAsync(connection, connection.ApiVersion, body, cancellationToken);
            return string.IsNullOrWhiteSpace(response.Id)
                ? throw new EdcUnavailableException("EDC accepted the negotiation request but returned no '@id'.")
                : response.Id;
        }, cancellationToken);

    public Task<string> GetNegotiationStateAsync(EdcConnection connection, string negotiationId, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var response = await api.GetNegotiationStateAsync(connection, connection.ApiVersion, negotiationId, cancellationToken);
            return string.IsNullOrWhiteSpace(response.State)
                ? throw new EdcUnavailableException($"EDC returned no state for contract negotiation {negotiationId}.")
                : response.State;
        }, cancellationToken);

    public Task<NegotiationOutcome> GetNegotiationAsync(EdcConnection connection, string negotiationId, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var negotiation = await api.GetNegotiationAsync(connection, connection.ApiVersion, negotiationId, cancellationToken);
            return new NegotiationOutcome(negotiation.ContractAgreementId, negotiation.ErrorDetail);
        }, cancellationToken);

    public Task<string> StartTransferAsync(EdcConnection connection, TransferStartRequest request, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var body = EdcRequestBodies.Transfer(connection.IsV4, request);
            var response = await api.StartTransferAsync(connection, connection.ApiVersion, body, cancellationToken);
            return string.IsNullOrWhiteSpace(response.Id)
                ? throw new EdcUnavailableException("EDC accepted the transfer request but returned no '@id'.")
                : response.Id;
        }, cancellationToken);

    public Task<string?> FindTransferAsync(EdcConnection connection, string contractId, string attemptKey, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var transfers = await api.QueryTransfersAsync(
                connection, connection.ApiVersion, TransferAttemptKeys.Lookup(connection.IsV4, contractId, attemptKey), cancellationToken);
            return transfers.Select(transfer => transfer.Id).FirstOrDefault(id => !string.IsNullOrWhiteSpace(id));
        }, cancellationToken);

    public Task<string> GetTransferStateAsync(EdcConnection connection, string transferId, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var response = await api.GetTransferStateAsync(connection, connection.ApiVersion, transferId, cancellationToken);
            return string.IsNullOrWhiteSpace(response.State)
                ? throw new EdcUnavailableException($"EDC returned no state for transfer process {transferId}.")
                : response.State;
        }, cancellationToken);

    public Task<string?> GetTransferErrorDetailAsync(EdcConnection connection, string transferId, CancellationToken cancellationToken) =>
        CallAsync(
            async () => (await api.GetTransferProcessAsync(connection, connection.ApiVersion, transferId, cancellationToken)).ErrorDetail,
            cancellationToken);

    public Task TerminateTransferAsync(EdcConnection connection, string transferId, string reason, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            await api.TerminateTransferAsync(
                connection, connection.ApiVersion, transferId, EdcRequestBodies.Terminate(connection.IsV4, reason), cancellationToken);
            return true;
        }, cancellationToken);

    public Task RegisterDataPlaneAsync(EdcConnection connection, DataPlaneRegistration registration, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            await api.RegisterDataPlaneAsync(connection, EdcRequestBodies.Registration(registration), cancellationToken);
            return true;
        }, cancellationToken);

    public Task<EndpointDataReference?> GetDataAddressAsync(
        EdcConnection connection, string transferId, bool autoRefresh, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            using var response = await api.GetDataAddressAsync(
                connection, connection.EdrApiVersion, transferId, autoRefresh ? AutoRefresh : null, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // EDC caches the EDR asynchronously after STARTED: a 404 just means "not yet".
                return null;
            }

            if (response.Error is { } error)
            {
                throw error;
            }

            return ToDataReference(response.Content, transferId);
        }, cancellationToken);

    public Task<EndpointDataReference> RefreshDataAddressAsync(EdcConnection connection, string transferId, CancellationToken cancellationToken) =>
        CallAsync(
            async () => ToDataReference(await api.RefreshDataAddressAsync(connection, connection.EdrApiVersion, transferId, cancellationToken), transferId),
            cancellationToken);

    private static EndpointDataReference ToDataReference(DataAddressDto? address, string transferId)
    {
        if (address is null || !Uri.TryCreate(address.Endpoint, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new EdcUnavailableException($"The EDR of transfer process {transferId} has no usable http(s) endpoint.");
        }

        return string.IsNullOrEmpty(address.Authorization)
            ? throw new EdcUnavailableException($"The EDR of transfer process {transferId} carries no authorization token.")
            : new EndpointDataReference(endpoint, address.Authorization, address.AuthType);
    }

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
