using System.Diagnostics.Metrics;
using DataOrchestrator.Application.Observability;

namespace DataOrchestrator.Application.Retention;

/// <summary>The retention sweep's counters, in the service's own meter.</summary>
public sealed class RetentionMetrics
{
    public const string OrchestrationsRemoved = "dataorchestrator.retention.orchestrations_removed";
    public const string FilesRemoved = "dataorchestrator.retention.files_removed";
    public const string BytesRemoved = "dataorchestrator.retention.bytes_removed";

    private readonly Counter<long> _orchestrations;
    private readonly Counter<long> _files;
    private readonly Counter<long> _bytes;

    public RetentionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(OrchestratorMeter.Name);
        _orchestrations = meter.CreateCounter<long>(OrchestrationsRemoved, "{orchestration}", "Finished orchestrations removed after the retention period.");
        _files = meter.CreateCounter<long>(FilesRemoved, "{file}", "Saved files deleted with their orchestrations.");
        _bytes = meter.CreateCounter<long>(BytesRemoved, "By", "Bytes of the saved files deleted with their orchestrations.");
    }

    public void Record(int orchestrations, int files, long bytes)
    {
        if (orchestrations > 0)
        {
            _orchestrations.Add(orchestrations);
        }

        if (files > 0)
        {
            _files.Add(files);
            _bytes.Add(bytes);
        }
    }
}
