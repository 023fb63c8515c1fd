namespace SdfLearn.Core.Kernels;

/// <summary>
/// Consecutive ranges of [0, units) for a parallel region whose threads take chunks in index order: chunks of
/// <c>largest</c> units while plenty remain, then shrinking to the remainder over twice the thread count, but never
/// below <c>smallest</c>. The threads then finish within a small chunk of each other, where equal chunks left one
/// thread idle for up to a whole chunk at the end. The ranges depend only on the arguments, never on timing.
/// </summary>
internal readonly struct GuidedChunks(int units, int largest, int smallest, int threads)
{
    /// <summary>Number of chunks.</summary>
    public int Count
    {
        get
        {
            int count = 0;
            for (int start = 0; start < units; start += Size(start)) count++;
            return count;
        }
    }

    /// <summary>Units [First, End) of chunk <paramref name="chunk"/>.</summary>
    public (int First, int End) Range(int chunk)
    {
        int start = 0;
        for (int i = 0; i < chunk; i++) start += Size(start);
        return (start, Math.Min(units, start + Size(start)));
    }

    private int Size(int start) => Math.Clamp((units - start + 2 * threads - 1) / (2 * threads), smallest, largest);
}
