using System.Text.Json;
using SdfLearn.Cli.Experiments;
using SdfLearn.Core;
using SdfLearn.Models.Evaluation;
using SdfLearn.Models.Training;

namespace SdfLearn.Cli.Reports;

/// <summary>The numbers of a run, written as metrics.json.</summary>
public sealed record RunMetrics
{
    public required string Model { get; init; }
    public required int LatentSize { get; init; }
    public required int Epochs { get; init; }
    public required ulong Seed { get; init; }
    public required int Threads { get; init; }
    public required int TrainCount { get; init; }
    public required string TestSet { get; init; }
    public required int TestCount { get; init; }
    public required double TestMse { get; init; }
    public required double TestIou { get; init; }
    public required double TestLoss { get; init; }
    public required double MeanKl { get; init; }
    public required double ReconstructionMin { get; init; }
    public required double ReconstructionMax { get; init; }
    public required double SampleMin { get; init; }
    public required double SampleMax { get; init; }
    public required double DataMin { get; init; }
    public required double DataMax { get; init; }
    public required double SecondsPerEpoch { get; init; }
    public required double EvaluationSeconds { get; init; }
    public required IReadOnlyList<EpochRecord> History { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static RunMetrics From(ModelSpec spec, RunSettings settings, TrainingResult result, TestMetrics test, Tensor<float> samples,
        string testOrigin, int trainCount, double evaluationSeconds) => new()
    {
        Model = spec.Kind, LatentSize = spec.LatentSize, Epochs = result.History.Count, Seed = settings.Seed, Threads = settings.Threads,
        TrainCount = trainCount, TestSet = testOrigin, TestCount = test.Count,
        TestMse = test.MeanSquaredError, TestIou = test.InsideIoU, TestLoss = test.Loss.Total, MeanKl = test.Loss.Kl,
        ReconstructionMin = test.ReconstructionMin, ReconstructionMax = test.ReconstructionMax,
        SampleMin = System.Numerics.Tensors.TensorPrimitives.Min<float>(samples.Span),
        SampleMax = System.Numerics.Tensors.TensorPrimitives.Max<float>(samples.Span),
        DataMin = test.DataMin, DataMax = test.DataMax,
        SecondsPerEpoch = result.History.Count == 0 ? 0 : result.History.Average(e => e.Seconds),
        EvaluationSeconds = evaluationSeconds, History = result.History,
    };

    /// <summary>Writes the metrics as indented snake_case JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads metrics.json.</summary>
    public static RunMetrics Load(string path) =>
        JsonSerializer.Deserialize<RunMetrics>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");
}
