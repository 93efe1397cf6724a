using System.Collections;

namespace DataOrchestrator.Api.Configuration;

/// <summary>
/// The original service's flat environment variables (<c>EDC_API_KEY</c>, <c>REQUEST_TIMEOUT</c>, …) mapped onto
/// our configuration sections. Added last, so an environment variable (or a .env entry) beats appsettings.json.
/// </summary>
internal static class EnvironmentAliases
{
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>
    {
        ["EDC_API_KEY"] = "Edc:ApiKey",
        ["REQUEST_TIMEOUT"] = "Edc:RequestTimeoutSeconds",
        ["DATA_ADDRESS_MAX_RETRIES"] = "Edc:DataAddressMaxRetries",
        ["EDC_MANAGEMENT_PATH"] = "Edc:ManagementPath",
        ["EDC_PROTOCOL"] = "Edc:Protocol",
        ["EDC_MANAGEMENT_API_VERSION"] = "Edc:ManagementApiVersion",
        ["EDC_EDR_API_VERSION"] = "Edc:EdrApiVersion",
        ["EDR_AUTO_REFRESH"] = "Edc:EdrAutoRefresh",
        ["NEGOTIATION_TIMEOUT"] = "Edc:NegotiationTimeoutSeconds",
        ["ITEM_DEADLINE"] = "Edc:ItemDeadlineSeconds",
        ["TRANSFER_START_TIMEOUT"] = "Edc:StartTimeoutSeconds",
        ["DOWNLOAD_IDLE_TIMEOUT"] = "Edc:DownloadIdleTimeoutSeconds",
        ["DOWNLOAD_RETRIES"] = "Edc:DownloadRetries",
        ["EDC_UNAVAILABLE_TIMEOUT"] = "Edc:EdcUnavailableTimeoutSeconds",
        ["DATA_PLANE_TOKEN_SCHEME"] = "Edc:DataPlaneTokenScheme",
        ["EDR_ENDPOINT_REWRITES"] = "Edc:EndpointRewrites",
        ["TERMINATE_AFTER_DOWNLOAD"] = "Edc:TerminateAfterDownload",
        ["EDC_TRANSIENT_RETRIES"] = "Edc:TransientRetries",
        ["EDC_DATA_FLOW"] = "Edc:DataFlow",
        ["EDC_SIGNALING_URL"] = "Edc:SignalingUrl",
        ["DATAPLANE_ID"] = "DataPlane:Id",
        ["DATAPLANE_PUBLIC_URL"] = "DataPlane:PublicUrl",
        ["DATAPLANE_TRANSFER_TYPE"] = "DataPlane:TransferType",
        ["DATAPLANE_LABELS"] = "DataPlane:Labels",
        ["DATAPLANE_ALLOW_HTTP_ENDPOINTS"] = "DataPlane:AllowHttpEndpoints",
        ["DATAPLANE_AUTH"] = "DataPlane:Auth",
        ["DATAPLANE_ALLOW_UNAUTHENTICATED"] = "DataPlane:AllowUnauthenticated",
        ["DATAPLANE_OAUTH2_TOKEN_ENDPOINT"] = "DataPlane:OAuth2:TokenEndpoint",
        ["DATAPLANE_OAUTH2_CLIENT_ID"] = "DataPlane:OAuth2:ClientId",
        ["DATAPLANE_OAUTH2_CLIENT_SECRET"] = "DataPlane:OAuth2:ClientSecret",
        ["DATAPLANE_OAUTH2_JWKS_URI"] = "DataPlane:OAuth2:JwksUri",
        ["DATAPLANE_OAUTH2_ISSUER"] = "DataPlane:OAuth2:Issuer",
        ["DATAPLANE_OAUTH2_AUDIENCE"] = "DataPlane:OAuth2:Audience",
        ["ALLOWED_CONTROL_PLANE_HOSTS"] = "DataPlane:AllowedControlPlaneHosts",
        ["DATA_STORAGE_PATH"] = "Storage:DataPath",
        ["MAX_DOWNLOAD_BYTES"] = "Storage:MaxDownloadBytes",
        ["MIN_FREE_DISK_BYTES"] = "Storage:MinFreeBytes",
        ["STORAGE_BACKEND"] = "Persistence:Backend",
        ["POSTGRES_CONNECTION_STRING"] = "Persistence:ConnectionString",
        ["WORK_LEASE_SECONDS"] = "Persistence:LeaseSeconds",
        ["API_KEYS"] = "Auth:ApiKeys",
        ["ALLOWED_CONNECTOR_HOSTS"] = "Outbound:ConnectorHosts",
        ["ALLOWED_DATA_PLANE_HOSTS"] = "Outbound:DataPlaneHosts",
        ["ALLOWED_CALLBACK_HOSTS"] = "Outbound:CallbackHosts",
        ["ALLOW_LINK_LOCAL_TARGETS"] = "Outbound:AllowLinkLocal",
        ["ALLOW_DEFAULT_API_KEY"] = "Auth:AllowDefaultKey",
        ["SWAGGER_UI"] = "OpenApi:SwaggerUi",
        ["OPENAPI_DOCUMENT"] = "OpenApi:Document",
        ["DASHBOARD_ENABLED"] = "Dashboard:Enabled",
        ["RATE_LIMIT_PER_SECOND"] = "RateLimit:PermitsPerSecond",
        ["RATE_LIMIT_BURST"] = "RateLimit:Burst",
        ["IDEMPOTENCY_KEY_TTL_HOURS"] = "Idempotency:KeyTtlHours",
        ["RETENTION_DAYS"] = "Retention:Days",
        ["RETENTION_SWEEP_INTERVAL"] = "Retention:SweepIntervalSeconds",
        ["WORKER_COUNT"] = "Workers:Count",
        ["QUEUE_CAPACITY"] = "Workers:QueueCapacity",
        ["SHUTDOWN_TIMEOUT"] = "Workers:ShutdownTimeoutSeconds",
        ["MAX_ITEMS_PER_REQUEST"] = "Limits:MaxItemsPerRequest",
        ["MAX_BODY_BYTES"] = "Limits:MaxBodyBytes",
        ["MAX_STRING_LENGTH"] = "Limits:MaxStringLength",
        ["CALLBACK_SECRET"] = "Callbacks:Secret",
        ["CALLBACK_MAX_ATTEMPTS"] = "Callbacks:MaxAttempts",
        ["CALLBACK_INITIAL_DELAY_SECONDS"] = "Callbacks:InitialDelaySeconds",
        ["CALLBACK_MAX_DELAY_SECONDS"] = "Callbacks:MaxDelaySeconds",
        ["CALLBACK_TIMEOUT_SECONDS"] = "Callbacks:TimeoutSeconds",
        ["CALLBACK_GIVE_UP_AFTER_MINUTES"] = "Callbacks:GiveUpAfterMinutes",
        ["MAX_JSON_DEPTH"] = "Limits:MaxJsonDepth",
        ["METRICS_ENABLED"] = "Metrics:Enabled",
        ["ACCEPTED_POLICIES_FILE"] = "Catalog:AcceptedPoliciesFile",
        ["REUSE_AGREEMENTS"] = "Catalog:ReuseAgreements",
        ["REUSE_EDRS"] = "Catalog:ReuseEdrs",
    };

    public static IConfigurationBuilder AddEnvironmentAliases(this IConfigurationBuilder builder, IDictionary environment)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (variable, key) in Map)
        {
            if (environment[variable] is string value)
            {
                values[key] = value;
            }
        }

        return builder.AddInMemoryCollection(values);
    }
}
