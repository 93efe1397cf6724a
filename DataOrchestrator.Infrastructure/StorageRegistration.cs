using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DataOrchestrator.Infrastructure;

/// <summary>Saved files: the data directory, its free-space probe and the lookup of a saved file by its item.</summary>
internal static class StorageRegistration
{
    public static void AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IDiskSpace, DriveDiskSpace>();
        services.AddSingleton<IDataStore, FileDataStore>();
        services.AddSingleton<SavedFileLocator>();
    }
}
