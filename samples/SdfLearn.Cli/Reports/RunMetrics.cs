using System.Text.Json;
using SdfLearn.Cli.Experiments;
using SdfLearn.Core;
using SdfLearn.Sdf.Evaluation;
using SdfLearn.Nn.Training;

namespace SdfLearn.Cli.Reports;

/// <summary>The numbers of a run, written as metrics.json.</summary>
public sealed record RunMetrics
{
    public required string Model { get; init; }
    public required int LatentSize { get; init; }
    public required int Epochs { get; init; }
    /// <summary>The epoch whose weights were evaluated: the lowest validation loss, or the last.</summary>
    public int SelectedEpoch { get; init; }
    public required ulong Seed { get; init; }
    public required int Threads { get; init; }
    public required int TrainCount { get; init; }
    public required string TestSet { get; init; }
    public required int TestCount { get; init; }
    public required double TestMse { get; init; }
    public required double TestIou { get; init; }
    public required double TestLoss { get; init; }
    public required double MeanKl { get; init; }
    public required ValueSpread Reconstructions { get; init; }
    /// <summary>Fields decoded from the sampling distribution: a VAE's prior (N(0, I) or its learnt mixture), a Gaussian fitted to an autoencoder's codes.</summary>
    public required ValueSpread Samples { get; init; }
    /// <summary>A VAE's fields decoded from a Gaussian fitted to its training codes (null for an autoencoder, whose <see cref="Samples"/> are these).</summary>
    public ValueSpread? FittedSamples { get; init; }
    /// <summary>Fields decoded from a mixture of Gaussians fitted to the training codes, for every model (null in runs written before session 6).</summary>
    public ValueSpread? MixtureSamples { get; init; }
    /// <summary>How digit-like the prior's and the mixture's samples are next to real test digits (null in runs written before session 8).</summary>
    public SampleFidelityReport? SampleFidelity { get; init; }
    public required ValueSpread Data { get; init; }
    public required double SecondsPerEpoch { get; init; }
    public required double EvaluationSeconds { get; init; }
    public required IReadOnlyList<EpochRecord> History { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals, // a diverged validation loss is NaN
    };

    public static RunMetrics From(string kind, int latentSize, RunSettings settings, TrainingResult result, TestMetrics test, Tensor<float> samples,
        Tensor<float>? fittedSamples, Tensor<float> mixtureSamples, string testOrigin, int trainCount, double evaluationSeconds) => new()
    {
        Model = kind, LatentSize = latentSize, Epochs = result.History.Count, Seed = settings.Seed, Threads = settings.Threads,
        TrainCount = trainCount, TestSet = testOrigin, TestCount = test.Count,
        TestMse = test.MeanSquaredError, TestIou = test.InsideIoU, TestLoss = test.Loss.Total, MeanKl = test.Loss["kl"],
        Reconstructions = test.Reconstructions, Samples = ValueSpread.Of(samples.Span),
        FittedSamples = fittedSamples is null ? null : ValueSpread.Of(fittedSamples.Span), MixtureSamples = ValueSpread.Of(mixtureSamples.Span), Data = test.Data,
        SecondsPerEpoch = result.History.Count == 0 ? 0 : result.History.Average(e => e.Seconds),
        EvaluationSeconds = evaluationSeconds, History = result.History,
    };

    /// <summary>Writes the metrics as indented snake_case JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads metrics.json.</summary>
    /// <exception cref="InvalidDataException">The file is empty or not in this format (e.g. written by an older version).</exception>
    public static RunMetrics Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RunMetrics>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a metrics file of this version: {e.Message}", e);
        }
    }
}
