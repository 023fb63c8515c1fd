using System.CommandLine;
using SdfLearn.Cli.Experiments;
using SdfLearn.Sdf.Architectures;

namespace SdfLearn.Cli.Commands;

/// <summary><c>sdflearn train</c>: trains one model and writes its run folder.</summary>
public static class TrainCommand
{
    /// <summary>The recipe options shared with <c>run</c>.</summary>
    public sealed class RecipeOptions
    {
        public Option<int> Epochs { get; } = new("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => 10 };
        public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Fields per batch.", DefaultValueFactory = _ => 64 };
        public Option<double> LearningRate { get; } = new("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-3 };
        public Option<int> Latent { get; } = new("--latent") { Description = "Latent size L.", DefaultValueFactory = _ => 32 };
        public Option<double> Beta { get; } = new("--beta") { Description = "Weight of the KL term of the VAEs.", DefaultValueFactory = _ => 1.0 };
        public Option<double?> KlWarmup { get; } = new("--kl-warmup")
        {
            Description = "Epochs over which the KL weight ramps up from 0 (default: 0 for vae, 2 for vae-deepsdf).",
        };
        public Option<DeepSdfVaeReconstruction> Reconstruction { get; } = new("--recon")
        {
            Description = "vae-deepsdf reconstruction term: ImageSum (per-image SSE, the vanilla VAE's scale; default) or PointMean (mean over points, as the original experiment).",
            DefaultValueFactory = _ => DeepSdfVaeReconstruction.ImageSum,
        };
        public Option<int> Points { get; } = new("--points") { Description = "Query points per field per step (DeepSDF decoders).", DefaultValueFactory = _ => 512 };
        public Option<float> UniformFraction { get; } = new("--uniform-fraction")
        {
            Description = "Share of query points drawn uniformly over the field; the rest lie near the zero contour (DeepSDF sampling).",
            DefaultValueFactory = _ => 0.5f,
        };
        public Option<int> Hidden { get; } = new("--hidden") { Description = "Hidden width H of the DeepSDF decoder.", DefaultValueFactory = _ => 256 };
        public Option<int> Channels { get; } = new("--channels") { Description = "Base channel count c of the convolutions.", DefaultValueFactory = _ => 32 };
        public Option<int> Resolution { get; } = new("--resolution") { Description = "Field size S (a multiple of 8).", DefaultValueFactory = _ => 64 };
        public Option<double?> Clip { get; } = new("--clip") { Description = "Clip the global gradient norm to this value." };
        public Option<int?> TrainCount { get; } = new("--train-count") { Description = "Use only the first N training fields." };
        public Option<ulong> Seed { get; } = CommonOptions.Seed();
        public Option<int> Threads { get; } = CommonOptions.Threads();
        public Option<string?> MnistDirectory { get; } = CommonOptions.MnistDirectory();
        public Option<int> TestCount { get; } = CommonOptions.TestCount();

        public void AddTo(Command command)
        {
            foreach (Option option in new Option[] { Epochs, BatchSize, LearningRate, Latent, Beta, KlWarmup, Reconstruction, Points, UniformFraction, Hidden, Channels, Resolution, Clip, TrainCount, Seed, Threads, MnistDirectory, TestCount })
                command.Options.Add(option);
        }

        public ModelSpec Spec(ParseResult result, string kind) => new()
        {
            Kind = kind, LatentSize = result.GetValue(Latent), Resolution = result.GetValue(Resolution),
            Channels = result.GetValue(Channels), HiddenWidth = result.GetValue(Hidden), Beta = result.GetValue(Beta),
            KlWarmupEpochs = result.GetValue(KlWarmup) ?? (kind == "vae-deepsdf" ? 2 : 0), PointsPerShape = result.GetValue(Points),
            Reconstruction = result.GetValue(Reconstruction), UniformFraction = result.GetValue(UniformFraction),
        };

        public RunSettings Settings(ParseResult result, string outputDirectory, string? resumeFrom = null) => new()
        {
            OutputDirectory = outputDirectory, Epochs = result.GetValue(Epochs), BatchSize = result.GetValue(BatchSize),
            LearningRate = result.GetValue(LearningRate), Seed = result.GetValue(Seed), GradientClipNorm = result.GetValue(Clip),
            Threads = result.GetValue(Threads), ResumeFrom = resumeFrom,
        };
    }

    /// <summary>Test digits an auto-decoder run evaluates by default: each needs its code fitted (several seconds a digit on one core).</summary>
    const int AutoDecoderTestCount = 32;

    /// <summary>The auto-decoder holds one code per training field: a new run sizes its codes, a resumed one must match.</summary>
    static ModelSpec WithCodesFor(ModelSpec spec, int trainCount, bool resumed)
    {
        if (!resumed) return spec.SizedFor(trainCount);
        if (spec.ShapeCount != trainCount)
            throw new ArgumentException($"The auto-decoder in this run holds codes for {spec.ShapeCount:N0} training fields, but the data gives {trainCount:N0}: resume with the same --train-count and data.");
        return spec;
    }

    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "Which model: vae (Part I, transposed-conv decoder), vae-deepsdf (Part I, DeepSDF decoder), ae-deepsdf (Part II), "
                + "autodecoder-deepsdf (DeepSDF's auto-decoder: no encoder, a learnt code per training digit; test digits get codes by optimisation, "
                + "so it skips validation and tests 32 digits unless --test-count says otherwise).",
            DefaultValueFactory = _ => "vae",
        };
        model.AcceptOnlyFromAmong(ModelSpec.Kinds);
        var output = new Option<string?>("--out") { Description = "Run folder (default runs/<model>-L<latent>)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the run folder's checkpoint.safetensors." };
        var initialWeights = new Option<string?>("--init-weights")
        {
            Description = "Start from the weights in this safetensors file (a state dict with SdfLearn's names, e.g. written by PyTorch) instead of the seed's initialisation.",
        };
        var recipe = new RecipeOptions();
        var command = new Command("train", "Train one model on MNISTSDF and write checkpoint, metrics.json, pictures and loss curves to its run folder.")
        {
            model, output, resume, initialWeights,
        };
        recipe.AddTo(command);
        command.SetAction(result =>
        {
            string kind = result.GetValue(model)!;
            var spec = recipe.Spec(result, kind);
            string folder = result.GetValue(output) ?? Path.Combine("runs", $"{kind}-L{spec.LatentSize}");
            string checkpoint = Path.Combine(folder, "checkpoint.safetensors");
            if (result.GetValue(resume) && !File.Exists(checkpoint))
                throw new FileNotFoundException($"--resume: there is no checkpoint at {checkpoint}.");
            if (result.GetValue(resume) && result.GetValue(initialWeights) is not null)
                throw new ArgumentException("--init-weights and --resume cannot be combined: a resumed run continues from its checkpoint's weights.");
            if (result.GetValue(resume)) spec = ModelSpec.Load(folder);
            int testCount = spec.FitsCodes && result.GetResult(recipe.TestCount) is null or { Implicit: true }
                ? AutoDecoderTestCount : result.GetValue(recipe.TestCount);
            var (train, validation, test, origin) = DataLoading.Load(result.GetValue(recipe.MnistDirectory), spec.Resolution,
                result.GetValue(recipe.TrainCount), testCount);
            if (spec.FitsCodes) spec = WithCodesFor(spec, train.Count, result.GetValue(resume));
            var settings = recipe.Settings(result, folder, result.GetValue(resume) ? checkpoint : null) with
            {
                InitialWeights = result.GetValue(initialWeights),
            };
            return ExperimentRunner.Run(spec, settings, train, validation, test, origin, CommonOptions.CtrlC()) is null ? 130 : 0;
        });
        return command;
    }
}
