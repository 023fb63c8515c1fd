namespace SdfLearn.Cli.Experiments;

/// <summary>The training recipe and output folder of one run.</summary>
public sealed record RunSettings
{
    public required string OutputDirectory { get; init; }
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 64;
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>How the learning rate changes over the run, and its warm-up.</summary>
    public ScheduleSettings Schedule { get; init; } = new();
    public ulong Seed { get; init; }
    public double? GradientClipNorm { get; init; }
    public string? ResumeFrom { get; init; }
    /// <summary>A safetensors state dict to start from instead of the seed's initialisation.</summary>
    public string? InitialWeights { get; init; }
    public int Threads { get; init; } = Environment.ProcessorCount;
}
