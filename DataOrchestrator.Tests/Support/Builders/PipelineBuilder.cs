using DataOrchestrator.Application;
using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Security;
using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.Catalog;
using DataOrchestrator.Application.Transfers.Catalog.Policies;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Negotiation;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Tests.Support.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;

namespace DataOrchestrator.Tests.Support.Builders;

/// <summary>
/// The transfer pipeline wired as the service wires it (<see cref="DependencyInjection.AddTransferPipeline"/>), over
/// the given ports: so unit tests run the real steps in their real order, with test doubles only at the edges. Its
/// polls, retry delays and timeouts follow the given clock (a FakeTimeProvider the test moves on).
/// </summary>
internal sealed class PipelineBuilder(IOrchestrationRepository repository, IEdcClient edc, RecordedMetrics metrics, TimeProvider timeProvider) : IAsyncDisposable
{
    private ServiceProvider? _services;
    private AsyncServiceScope? _scope;
    private IDataPlaneClient? _dataPlane;
    private IDataStore? _store;
    private TransferOptions _options = new();
    private RunningOrchestrations _running = new();
    private IDataFlowStore? _dataFlows;
    private IControlPlaneSignaling? _signaling;
    private DataPlaneOptions _dataPlaneOptions = new() { PublicUrl = "http://dataorchestrator.test:8080" };
    private CatalogOptions _catalogOptions = new();
    private PolicyAllowList _allowList = PolicyAllowList.Default;

    /// <summary>edc-catalog items and REUSE_EDRS: the catalog settings and the policy allow-list (default: no file).</summary>
    public PipelineBuilder WithCatalog(CatalogOptions options, PolicyAllowList? allowList = null)
    {
        _catalogOptions = options;
        _allowList = allowList ?? PolicyAllowList.Default;
        return this;
    }

    /// <summary>DPS: the data flow store, the control plane's signaling API and the data plane settings.</summary>
    public PipelineBuilder WithDataFlows(IDataFlowStore dataFlows, IControlPlaneSignaling signaling, DataPlaneOptions? options = null)
    {
        _dataFlows = dataFlows;
        _signaling = signaling;
        _dataPlaneOptions = options ?? _dataPlaneOptions;
        return this;
    }

    public PipelineBuilder WithDataPlane(IDataPlaneClient dataPlane)
    {
        _dataPlane = dataPlane;
        return this;
    }

    public PipelineBuilder WithStore(IDataStore store)
    {
        _store = store;
        return this;
    }

    public PipelineBuilder WithOptions(TransferOptions options)
    {
        _options = options;
        return this;
    }

    public PipelineBuilder WithRunning(RunningOrchestrations running)
    {
        _running = running;
        return this;
    }

    /// <summary>The pipeline of one scope (as a worker runs each item in a scope of its own); built at first use.</summary>
    public ITransferPipeline Pipeline => Scoped<ITransferPipeline>();

    /// <summary>The catalog step of the same scope.</summary>
    public CatalogStep Catalog => Scoped<IEnumerable<IPipelineStep>>().OfType<CatalogStep>().Single();

    /// <summary>The negotiation step of the same scope.</summary>
    public ContractNegotiator Negotiator => Scoped<IEnumerable<IPipelineStep>>().OfType<ContractNegotiator>().Single();

    public async ValueTask DisposeAsync()
    {
        if (_scope is { } scope)
        {
            await scope.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    private T Scoped<T>()
        where T : notnull
    {
        _services ??= new ServiceCollection()
            .AddLogging()
            .AddSingleton(repository)
            .AddSingleton(edc)
            .AddSingleton(metrics.Metrics)
            .AddSingleton(timeProvider)
            .AddSingleton(_running)
            .AddSingleton(Options.Create(_options))
            .AddSingleton(new OutboundPolicy(Options.Create(new OutboundOptions())))
            .AddSingleton(_dataPlane ?? Mock.Of<IDataPlaneClient>(MockBehavior.Strict))
            .AddSingleton(_store ?? Mock.Of<IDataStore>(MockBehavior.Strict))
            .AddSingleton(_dataFlows ?? Mock.Of<IDataFlowStore>(MockBehavior.Strict))
            .AddSingleton(_signaling ?? Mock.Of<IControlPlaneSignaling>(MockBehavior.Strict))
            .AddSingleton(Options.Create(_dataPlaneOptions))
            .AddSingleton(Options.Create(_catalogOptions))
            .AddSingleton(_allowList)
            .AddTransferPipeline()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _scope ??= _services.CreateAsyncScope();
        return _scope.Value.ServiceProvider.GetRequiredService<T>();
    }
}
