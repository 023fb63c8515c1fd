using SdfLearn.Sdf.Training;

namespace SdfLearn.Nn.Training;

/// <summary>How a <see cref="Trainer"/> runs: epochs, batches, optimiser, seed and where checkpoints go.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training data (default 10).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Fields per batch (default 64).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam's learning rate (default 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Decoupled weight decay; above 0 the optimiser is AdamW instead of Adam (default 0).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Clip the global gradient norm to this value before each step; null for no clipping.</summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>Seed of the shuffling, query points and reparameterisation noise.</summary>
    public ulong Seed { get; init; }

    /// <summary>Checkpoint file written after every epoch and on interruption (safetensors); null for none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names it).</exception>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be at least 1.");
        if (!(double.IsFinite(LearningRate) && LearningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be finite and positive.");
        if (!(double.IsFinite(WeightDecay) && WeightDecay >= 0))
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "The weight decay must be finite and non-negative.");
        if (GradientClipNorm is double clip && !(double.IsFinite(clip) && clip > 0))
            throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), clip, "The gradient clip norm must be finite and positive.");
    }
}
