namespace SdfLearn.Core.Distributed;

/// <summary>
/// One rank's contiguous, disjoint part of a global batch: ranks take consecutive blocks in rank order, the first
/// <c>count % size</c> ranks one item more, so the shards of all ranks together are the global batch in its order.
/// </summary>
/// <param name="Start">The index of the shard's first item in the global batch.</param>
/// <param name="Count">The number of items in the shard.</param>
/// <param name="GlobalCount">The number of items in the global batch.</param>
public readonly record struct BatchShard(int Start, int Count, int GlobalCount)
{
    /// <summary>The shard of <paramref name="rank"/> among <paramref name="size"/> ranks of a batch of <paramref name="globalCount"/> items.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rank is not in [0, size), or the batch has fewer items than there are ranks.</exception>
    public static BatchShard Of(int globalCount, int rank, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, size);
        if (globalCount < size)
            throw new ArgumentOutOfRangeException(nameof(globalCount), globalCount, $"A batch of {globalCount} cannot give each of {size} ranks an item; use a batch of at least {size}.");
        int baseCount = globalCount / size, extra = globalCount % size;
        return new BatchShard(rank * baseCount + Math.Min(rank, extra), baseCount + (rank < extra ? 1 : 0), globalCount);
    }

    /// <summary>
    /// This shard's share of the global batch, <see cref="Count"/> / <see cref="GlobalCount"/>: the weight of its mean
    /// loss, and of that loss's gradient, in the mean over the global batch.
    /// </summary>
    public double Share => (double)Count / GlobalCount;

    /// <summary>
    /// Copies this shard's items out of <paramref name="whole"/>, a buffer of the whole batch whose items are runs of
    /// equal length (a field, a point set, a label), into the start of <paramref name="destination"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The buffer's length is not a multiple of the global count, or the destination is too short.</exception>
    public void CopyItems<T>(ReadOnlySpan<T> whole, Span<T> destination)
    {
        if (whole.Length % GlobalCount != 0)
            throw new ArgumentException($"A buffer of {whole.Length} values does not hold {GlobalCount} items of equal length.", nameof(whole));
        int perItem = whole.Length / GlobalCount;
        whole.Slice(Start * perItem, Count * perItem).CopyTo(destination);
    }
}
