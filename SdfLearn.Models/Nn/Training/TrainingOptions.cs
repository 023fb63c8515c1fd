using SdfLearn.Nn.Schedules;
using SdfLearn.Nn.Serialization;

namespace SdfLearn.Nn.Training;

/// <summary>How a <see cref="Trainer{TBatch}"/> runs: epochs, seed, schedule, clipping and where checkpoints go.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training data (default 10).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Seed of the per-batch noise the loss receives (<see cref="LossContext.Noise"/>).</summary>
    public ulong Seed { get; init; }

    /// <summary>The learning rate of each step as a factor on the optimiser's rate when the trainer was built (default constant).</summary>
    public LearningRateSchedule Schedule { get; init; } = new ConstantRate();

    /// <summary>Clip the global gradient norm to this value before each step; null for no clipping.</summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>Checkpoint file written after every epoch and on interruption (safetensors); null for none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>The model's kind and hyper-parameters, stored in checkpoints so they rebuild their model and refuse another; null for none.</summary>
    public ModelConfig? Model { get; init; }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names it).</exception>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        ArgumentNullException.ThrowIfNull(Schedule);
        Schedule.Validate();
        if (GradientClipNorm is double clip && !(double.IsFinite(clip) && clip > 0))
            throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), clip, "The gradient clip norm must be finite and positive.");
    }
}
