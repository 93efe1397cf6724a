namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>The stable error codes an item can fail with; clients may switch on them.</summary>
public static class ItemErrorCodes
{
    public const string EdcRequestRejected = "EDC_REQUEST_REJECTED";
    public const string EdcUnavailable = "EDC_UNAVAILABLE";
    public const string AssetNotFound = "ASSET_NOT_FOUND";
    public const string NoAcceptableOffer = "NO_ACCEPTABLE_OFFER";
    public const string CatalogFailed = "CATALOG_FAILED";
    public const string NegotiationTerminated = "NEGOTIATION_TERMINATED";
    public const string NegotiationTimeout = "NEGOTIATION_TIMEOUT";
    public const string TransferTerminated = "TRANSFER_TERMINATED";
    public const string TransferStartTimeout = "TRANSFER_START_TIMEOUT";
    public const string DataAddressUnavailable = "DATA_ADDRESS_UNAVAILABLE";
    public const string DownloadFailed = "DOWNLOAD_FAILED";
    public const string StorageFailed = "STORAGE_FAILED";
    public const string DownloadTooLarge = "DOWNLOAD_TOO_LARGE";
    public const string InsufficientDiskSpace = "INSUFFICIENT_DISK_SPACE";
    public const string ItemDeadlineExceeded = "ITEM_DEADLINE_EXCEEDED";
    public const string EndpointNotAllowed = "ENDPOINT_NOT_ALLOWED";
    public const string Cancelled = "CANCELLED";
    public const string ProviderTerminated = "PROVIDER_TERMINATED";
    public const string DataAddressInvalid = "DATA_ADDRESS_INVALID";
    public const string DataAddressNotHttps = "DATA_ADDRESS_NOT_HTTPS";
    public const string InternalError = "INTERNAL_ERROR";
}
