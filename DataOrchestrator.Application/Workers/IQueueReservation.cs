namespace DataOrchestrator.Application.Workers;

/// <summary>Room held in the queue; disposing it gives back whatever was not used.</summary>
public interface IQueueReservation : IDisposable
{
    /// <summary>Queues one item into the reserved room; never blocks.</summary>
    void Enqueue(ItemWork work);
}
