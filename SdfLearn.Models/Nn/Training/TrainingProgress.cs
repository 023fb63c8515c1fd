namespace SdfLearn.Nn.Training;

/// <summary>A report after each training step, for progress bars.</summary>
/// <param name="Epoch">1-based current epoch.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="BatchesPerEpoch">Batches per epoch.</param>
/// <param name="Running">Mean loss terms of this epoch so far.</param>
/// <param name="Elapsed">Training time so far in this run.</param>
/// <param name="Remaining">Estimated time to the end of the run.</param>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int Batch, int BatchesPerEpoch, LossTerms Running,
    TimeSpan Elapsed, TimeSpan Remaining);
