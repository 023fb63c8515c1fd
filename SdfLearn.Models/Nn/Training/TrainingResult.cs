namespace SdfLearn.Nn.Training;

/// <summary>How a call to <see cref="Trainer{TBatch}.Run"/> ended.</summary>
/// <param name="History">Every completed epoch, including those before a resume.</param>
/// <param name="Interrupted">True when cancellation stopped the run early (a checkpoint was written if a path was set).</param>
/// <param name="Steps">Optimiser steps taken in total.</param>
public sealed record TrainingResult(IReadOnlyList<EpochRecord> History, bool Interrupted, long Steps);
