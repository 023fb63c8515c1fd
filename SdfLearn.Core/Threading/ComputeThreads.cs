namespace SdfLearn.Core;

/// <summary>
/// How many threads the kernels may use. Work is always split into the same chunks for a given
/// problem size, and each output element is computed by exactly one chunk in a fixed order, so results
/// never depend on thread timing.
/// </summary>
/// <remarks>
/// Parallel regions run on a small set of persistent worker threads (<see cref="WorkerPool"/>): starting one
/// allocates nothing, so a training step that runs hundreds of regions leaves the garbage collector idle.
/// </remarks>
public static class ComputeThreads
{
    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>Upper bound on threads used by one kernel call (default: the processor count).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int MaxThreads
    {
        get => _maxThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxThreads = value;
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> for every chunk index in [0, <paramref name="chunkCount"/>) using at most
    /// <see cref="MaxThreads"/> threads; runs inline when one thread suffices. The delegate (and whatever it
    /// captures) is the caller's allocation; hot paths use <see cref="For{TBody}(int, ref TBody)"/>.
    /// </summary>
    public static void For(int chunkCount, Action<int> body)
    {
        var action = new ActionBody(body);
        For(chunkCount, ref action);
    }

    /// <summary>
    /// Runs <paramref name="body"/>.<see cref="IChunkBody.Run"/> for every chunk index in [0,
    /// <paramref name="chunkCount"/>) using at most <see cref="MaxThreads"/> threads, without allocating. Chunks
    /// run in any order and on any thread, each exactly once. Runs inline when one thread suffices, and when called
    /// from inside another region or while another caller's region is running.
    /// </summary>
    /// <exception cref="AggregateException">A chunk threw; the first exception is inside.</exception>
    public static void For<TBody>(int chunkCount, ref TBody body) where TBody : struct, IChunkBody
    {
        if (chunkCount <= 0) return;
        int threads = Math.Min(MaxThreads, chunkCount);
        if (threads > 1 && WorkerPool.TryRun(chunkCount, threads, ref body)) return;
        for (int i = 0; i < chunkCount; i++) body.Run(i);
    }

    private readonly struct ActionBody(Action<int> action) : IChunkBody
    {
        public void Run(int chunk) => action(chunk);
    }
}

/// <summary>The work of one parallel region of <see cref="ComputeThreads"/>: a struct, so starting a region allocates nothing.</summary>
public interface IChunkBody
{
    /// <summary>Does chunk <paramref name="chunk"/> of the region's work.</summary>
    void Run(int chunk);
}
