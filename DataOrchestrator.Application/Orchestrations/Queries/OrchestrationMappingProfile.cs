using AutoMapper;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>Domain orchestrations to their wire DTOs. Every mapped type is flat (see MappingTests).</summary>
public sealed class OrchestrationMappingProfile : Profile
{
    public const string ConnectorAddressProperty = "connector_address";

    public OrchestrationMappingProfile()
    {
        CreateMap<EdcError, EdcErrorDto>();
        CreateMap<ItemError, ItemErrorDto>();

        CreateMap<OrchestrationCallback, CallbackStatusDto>();
        CreateMap<OrchestrationItem, OrchestrationItemDto>()
            .ForMember(d => d.OfferId, o => o.MapFrom(s => s.Offer == null ? null : s.Offer.OfferId))
            .ForMember(d => d.AssetId, o => o.MapFrom(s => s.Offer != null ? s.Offer.AssetId : s.Catalog != null ? s.Catalog.AssetId : null))
            .ForMember(d => d.Query, o =>
            {
                // AutoMapper makes an empty collection of a null one; no query is null on the wire, as every absent field.
                o.AllowNull();
                o.MapFrom(s => QueryOf(s));
            });

        CreateMap<OrchestrationItem, StoragePathDto>()
            .ForMember(d => d.TransferId, o => o.MapFrom(s => s.TransferId ?? string.Empty))
            .ForMember(d => d.StoragePath, o => o.MapFrom(s => s.StoragePath ?? string.Empty))
            .ForMember(d => d.Status, o => o.MapFrom(s => s.Status.ToWireName()));

        CreateMap<Orchestration, OrchestrationStatusDto>()
            .ForMember(d => d.OrchestrationId, o => o.MapFrom(s => s.Id.ToString()))
            .ForMember(d => d.ProcessStatus, o => o.MapFrom(s => s.ProcessStatus))
            .ForMember(d => d.Properties, o => o.MapFrom(s => PropertiesOf(s)))
            .ForMember(d => d.StoragePaths, o => o.MapFrom(s => s.Items.Where(i => i.Status == ItemStatus.Saved)));
    }

    /// <summary>In name order, the order the parameters are sent in, whichever order the store kept (jsonb sorts by length).</summary>
    private static Dictionary<string, string>? QueryOf(OrchestrationItem item) =>
        item.Query?.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static Dictionary<string, string> PropertiesOf(Orchestration orchestration) =>
        new() { [ConnectorAddressProperty] = orchestration.ConnectorAddress };
}
