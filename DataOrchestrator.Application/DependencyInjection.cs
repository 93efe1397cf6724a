using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations.Cancel;
using DataOrchestrator.Application.Orchestrations.Retry;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Application.Retention;
using DataOrchestrator.Application.Security;
using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.Catalog;
using DataOrchestrator.Application.Transfers.Catalog.Policies;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Negotiation;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Application.Workers;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddOptions<TransferOptions>().BindConfiguration(TransferOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateDataAnnotations()
            .Validate<IOptions<RequestLimitsOptions>>(
                (workers, limits) => workers.QueueCapacity >= limits.Value.MaxItemsPerRequest,
                "Workers:QueueCapacity (QUEUE_CAPACITY) must be at least Limits:MaxItemsPerRequest (MAX_ITEMS_PER_REQUEST), or the largest allowed request could never be queued.")
            .ValidateOnStart();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CallbackOptions>().BindConfiguration(CallbackOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DataPlaneOptions>().BindConfiguration(DataPlaneOptions.SectionName).ValidateDataAnnotations()
            .Validate<IOptions<TransferOptions>>(
                (dataPlane, transfer) => !transfer.Value.UsesDps || dataPlane.PublicUrl is not null,
                "DataPlane:PublicUrl (DATAPLANE_PUBLIC_URL) is required when a connector uses EDC_DATA_FLOW=dps: the control plane calls the service there.")
            .ValidateOnStart();
        services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboundPolicy>();

        // The accepted-policies file is read while the options are validated, so a missing or invalid one stops the
        // service at start; the allow-list is the one read then.
        services.AddSingleton<CatalogOptionsValidator>();
        services.AddSingleton<IValidateOptions<CatalogOptions>>(sp => sp.GetRequiredService<CatalogOptionsValidator>());
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<CatalogOptionsValidator>().AllowList(sp.GetRequiredService<IOptions<CatalogOptions>>().Value));

        services.AddAutoMapper(cfg => cfg.AddProfile<OrchestrationMappingProfile>());
        services.AddValidatorsFromAssemblyContaining<OrchestrateRequestValidator>(ServiceLifetime.Singleton, includeInternalTypes: false);

        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IOrchestrationSubmission, OrchestrationSubmission>();
        services.AddScoped<IOrchestrationQueries, OrchestrationQueries>();
        services.AddScoped<IOrchestrationCancellation, OrchestrationCancellation>();
        services.AddScoped<IOrchestrationRetry, OrchestrationRetry>();
        services.AddSingleton<OrchestratorMetrics>();
        services.AddSingleton<RunningOrchestrations>();
        services.AddTransferPipeline();
        services.AddSingleton<CallbackUrlPolicy>();
        services.AddSingleton<CallbackSchedule>();
        services.AddScoped<CallbackDelivery>();
        services.AddSingleton<RetentionMetrics>();
        services.AddSingleton<RetentionSweeper>();
        return services;
    }

    /// <summary>
    /// The pipeline and its steps. Scoped, like the EDC client they use: a worker runs each item in a scope of its own.
    /// </summary>
    public static IServiceCollection AddTransferPipeline(this IServiceCollection services)
    {
        services.AddSingleton<KeyedLock>();
        services.AddSingleton<DatasetLookups>();
        // AddApplication registers the list read at start; this is for hosts of the pipeline alone (tests).
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<CatalogOptions>>().Value.AcceptedPoliciesFile is { Length: > 0 } file
            ? PolicyAllowList.Load(file)
            : PolicyAllowList.Default);
        services.AddSingleton<SharedTransfers>();
        services.AddScoped<ItemRecorder>();
        services.AddScoped<EdcStateWaiter>();
        services.AddScoped<TransferTerminator>();
        services.AddScoped<ConnectorOutage>();
        services.AddScoped<ItemEndings>();
        services.AddScoped<DataPlaneDownloader>();
        services.AddScoped<ResumableDownload>();
        services.AddScoped<TransferClosing>();
        services.AddScoped<TransferStartWait>();
        services.AddScoped<EdrCacheDataAddressSource>();
        services.AddScoped<IDataAddressSource, DataAddressSources>();

        // DPS: the service as consumer data plane.
        services.AddSingleton<RegisteredDataPlanes>();
        services.AddSingleton<DataFlowSignals>();
        services.AddScoped<DataPlaneRegistrar>();
        services.AddScoped<TransferStarter>();
        services.AddScoped<KeyedTransferStart>();
        services.AddScoped<SignalingDataAddressSource>();
        services.AddScoped<DataFlowDownload>();
        services.AddScoped<DataFlowCompletion>();

        // The steps in the order an item goes through them: IEnumerable<IPipelineStep> keeps the registration order.
        services.AddScoped<IPipelineStep, CatalogStep>();
        services.AddScoped<ContractNegotiator>();
        services.AddScoped<IPipelineStep>(provider => provider.GetRequiredService<ContractNegotiator>());
        services.AddScoped<IPipelineStep, EdrReuseStep>();
        services.AddScoped<IPipelineStep, StartTransferStep>();
        services.AddScoped<IPipelineStep, WaitForStartStep>();
        services.AddScoped<IPipelineStep, DataAddressStep>();
        services.AddScoped<IPipelineStep, DownloadStep>();
        services.AddScoped<ITransferPipeline, TransferPipeline>();
        return services;
    }
}
