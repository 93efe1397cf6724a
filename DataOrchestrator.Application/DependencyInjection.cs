using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Application.Retention;
using DataOrchestrator.Application.Security;
using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Negotiation;
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
        services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboundPolicy>();

        services.AddAutoMapper(cfg => cfg.AddProfile<OrchestrationMappingProfile>());
        services.AddValidatorsFromAssemblyContaining<OrchestrateRequestValidator>(ServiceLifetime.Singleton, includeInternalTypes: false);

        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IOrchestrationService, OrchestrationService>();
        services.AddSingleton<OrchestratorMetrics>();
        services.AddSingleton<KeyedLock>();
        services.AddSingleton<RunningOrchestrations>();
        services.AddScoped<ContractNegotiator>();
        services.AddScoped<DataPlaneDownloader>();
        services.AddScoped<ITransferPipeline, TransferPipeline>();
        services.AddSingleton<CallbackUrlPolicy>();
        services.AddSingleton<CallbackSchedule>();
        services.AddScoped<CallbackDelivery>();
        services.AddSingleton<RetentionMetrics>();
        services.AddSingleton<RetentionSweeper>();
        return services;
    }
}
