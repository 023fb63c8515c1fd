using System.Text.Json;
using System.Text.Json.Serialization;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Training;

namespace SdfLearn.Cli.Experiments;

/// <summary>Everything needed to rebuild a model for a checkpoint: saved as model.json beside it.</summary>
public sealed record ModelSpec
{
    /// <summary>Model kinds the app knows.</summary>
    public static readonly string[] Kinds = ["vae", "vae-deepsdf", "ae-deepsdf", AutoDecoder];

    /// <summary>The models of the main job (<c>sdflearn run</c>): Part I's two VAEs and Part II's autoencoder.</summary>
    public static readonly string[] MainKinds = ["vae", "vae-deepsdf", "ae-deepsdf"];

    /// <summary>DeepSDF's auto-decoder: no encoder, one learnt code per training field, codes of new fields fitted.</summary>
    public const string AutoDecoder = "autodecoder-deepsdf";

    public string Kind { get; init; } = "vae";
    public int LatentSize { get; init; } = 32;
    public int Resolution { get; init; } = 64;
    public int Channels { get; init; } = 32;
    public int HiddenWidth { get; init; } = 256;
    public double Beta { get; init; } = 1;
    public double KlWarmupEpochs { get; init; }
    public int PointsPerShape { get; init; } = 512;
    public float UniformFraction { get; init; } = 0.5f;
    public DeepSdfVaeReconstruction Reconstruction { get; init; } = DeepSdfVaeReconstruction.ImageSum;
    /// <summary>Training fields the auto-decoder holds codes for (0 for the other kinds).</summary>
    public int ShapeCount { get; init; }

    /// <summary>Whether codes of new fields come from test-time optimisation rather than an encoder (slow to evaluate).</summary>
    [JsonIgnore]
    public bool FitsCodes => Kind == AutoDecoder;

    /// <summary>This spec for a training set of <paramref name="trainCount"/> fields (the auto-decoder holds a code for each).</summary>
    public ModelSpec SizedFor(int trainCount) => FitsCodes ? this with { ShapeCount = trainCount } : this;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>A fresh model initialised from <paramref name="seed"/>.</summary>
    public ITrainableSdfModel Create(ulong seed)
    {
        var points = new QueryPointOptions { PointsPerShape = PointsPerShape, UniformFraction = UniformFraction };
        var kl = new KlSchedule(Beta, KlWarmupEpochs);
        return Kind switch
        {
            "vae" => TrainableVae.CreateReference(seed, LatentSize, Resolution, Channels, kl),
            "vae-deepsdf" => TrainableDeepSdfVae.CreateReference(seed, LatentSize, Resolution, Channels, HiddenWidth, points, kl, Reconstruction),
            "ae-deepsdf" => TrainableDeepSdfAutoencoder.CreateReference(seed, LatentSize, Resolution, Channels, HiddenWidth, points),
            AutoDecoder when ShapeCount < 1 => throw new InvalidDataException("An auto-decoder spec must name how many training fields it holds codes for (ShapeCount)."),
            // Codes of new fields: DeepSDF's fitting recipe (clamped distances, 1,024 fresh points a step), as fit-latent's defaults.
            AutoDecoder => TrainableAutoDecoder.CreateReference(seed, ShapeCount, LatentSize, Resolution, HiddenWidth, points,
                fitting: new LatentFittingOptions { LearningRate = 0.05, ClampDistance = 0.03, PointsPerStep = 1024, Seed = seed }),
            _ => throw new ArgumentException($"Unknown model '{Kind}'; expected one of: {string.Join(", ", Kinds)}."),
        };
    }

    /// <summary>Writes the spec as JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads model.json from a run folder or from beside a checkpoint file.</summary>
    /// <exception cref="FileNotFoundException">There is no model.json there.</exception>
    public static ModelSpec Load(string runOrCheckpoint)
    {
        if (!Directory.Exists(runOrCheckpoint) && !File.Exists(runOrCheckpoint))
            throw new DirectoryNotFoundException($"There is no run folder '{runOrCheckpoint}': train one first with 'sdflearn train --out {runOrCheckpoint}'.");
        string folder = Directory.Exists(runOrCheckpoint) ? runOrCheckpoint : Path.GetDirectoryName(Path.GetFullPath(runOrCheckpoint))!;
        string path = Path.Combine(folder, "model.json");
        if (!File.Exists(path))
            throw new FileNotFoundException($"No model.json in {folder}: point --run at a folder written by 'sdflearn train'.", path);
        return JsonSerializer.Deserialize<ModelSpec>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
    }
}
