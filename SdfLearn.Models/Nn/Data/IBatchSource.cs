namespace SdfLearn.Nn.Data;

/// <summary>
/// Batches of any type for the trainer (PyTorch's <c>DataLoader</c>): a fixed number of batches per epoch, where batch
/// b of epoch e depends only on (seed, e, b), so a run can resume anywhere and see exactly what an uninterrupted run
/// would. A source may refill one batch instance per iteration: the trainer uses each batch before asking for the next.
/// </summary>
/// <typeparam name="TBatch">What one batch holds (fields, point sets, shape indices...).</typeparam>
public interface IBatchSource<out TBatch>
{
    /// <summary>Batches in every epoch.</summary>
    int BatchesPerEpoch { get; }

    /// <summary>Epoch <paramref name="epoch"/> (0-based) from batch <paramref name="startBatch"/> on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The epoch is negative or the start batch is outside [0, <see cref="BatchesPerEpoch"/>].</exception>
    IEnumerable<TBatch> Epoch(int epoch, int startBatch = 0);
}
