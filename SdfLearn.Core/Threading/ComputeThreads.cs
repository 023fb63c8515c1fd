namespace SdfLearn.Core;

/// <summary>
/// How many threads the kernels may use. Work is always split into the same chunks for a given
/// problem size, and each output element is computed by exactly one chunk in a fixed order, so results
/// never depend on thread timing.
/// </summary>
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
    /// <see cref="MaxThreads"/> threads; runs inline when one thread suffices.
    /// </summary>
    public static void For(int chunkCount, Action<int> body)
    {
        if (chunkCount <= 0) return;
        int threads = Math.Min(MaxThreads, chunkCount);
        if (threads == 1)
        {
            for (int i = 0; i < chunkCount; i++) body(i);
            return;
        }
        Parallel.For(0, chunkCount, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }
}
