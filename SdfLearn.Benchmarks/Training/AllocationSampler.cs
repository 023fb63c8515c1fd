using System.Diagnostics.Tracing;

namespace SdfLearn.Benchmarks.Training;

/// <summary>
/// Which types a stretch of code allocates, from the runtime's GC AllocationTick events (one event per ~100 KB
/// allocated, naming the type whose allocation crossed the mark): a sample, so types that allocate little between
/// ticks may be missed or overcounted; run enough steps that the total is many ticks.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const long BytesPerTick = 100_000;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly Dictionary<string, long> _bytes = [];
    private volatile bool _sampling;

    /// <summary>Starts counting the ticks that arrive from now on.</summary>
    public void Start() => _sampling = true;

    /// <summary>Stops counting; returns the types by estimated bytes (ticks x ~100 KB), largest first.</summary>
    public IReadOnlyList<(string Type, long Bytes)> Stop()
    {
        _sampling = false;
        lock (_bytes) return [.. _bytes.OrderByDescending(pair => pair.Value).Select(pair => (pair.Key, pair.Value))];
    }

    /// <inheritdoc/>
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
    }

    /// <inheritdoc/>
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_sampling || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true) return;
        int index = eventData.PayloadNames?.IndexOf("TypeName") ?? -1;
        if (index < 0 || eventData.Payload?[index] is not string type) return;
        lock (_bytes) _bytes[type] = _bytes.GetValueOrDefault(type) + BytesPerTick;
    }
}
