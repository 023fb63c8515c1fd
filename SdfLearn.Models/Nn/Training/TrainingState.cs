namespace SdfLearn.Nn.Training;

/// <summary>
/// Where a run stands, as stored in a checkpoint: enough, with the model and optimiser tensors, to continue exactly as
/// an uninterrupted run would (all randomness is derived from the seed, the epoch and the batch index).
/// </summary>
/// <param name="Epoch">0-based epoch in progress (equal to the epoch count when training is complete).</param>
/// <param name="Batch">Batches of <see cref="Epoch"/> already done.</param>
/// <param name="Step">Optimiser steps taken in total.</param>
/// <param name="EpochSums">Sum of the loss terms of the batches already done in <see cref="Epoch"/>.</param>
/// <param name="EpochSeconds">Training time already spent in <see cref="Epoch"/>.</param>
/// <param name="History">Completed epochs.</param>
public sealed record TrainingState(int Epoch, int Batch, long Step, LossTerms EpochSums, double EpochSeconds, IReadOnlyList<EpochRecord> History)
{
    /// <summary>The state of a run that has not started.</summary>
    public static TrainingState Start { get; } = new(0, 0, 0, LossTerms.Zero, 0, []);
}
