using SdfLearn.Core;
using System.CommandLine;
using SdfLearn.Cli.Experiments;
using SdfLearn.Nn.Losses;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Training;

namespace SdfLearn.Cli.Commands;

/// <summary><c>sdflearn train</c>: trains one model and writes its run folder.</summary>
public static class TrainCommand
{
    /// <summary>The recipe options shared with <c>run</c> and <c>latent-study</c>; defaults are the library's (<see cref="FieldModelConfig"/>).</summary>
    public sealed class RecipeOptions
    {
        private static readonly FieldModelConfig Defaults = new();

        public Option<int> Epochs { get; } = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => 10 }.AtLeast(1);
        public Option<int?> BatchSize { get; } = new Option<int?>("--batch-size")
        {
            Description = $"Fields per batch (default {RunSettings.BatchSizeFor("vae")}, and {RunSettings.BatchSizeFor("ae-deepsdf")} for ae-deepsdf: more steps in the same epochs reached a higher test IoU at 10 epochs; docs/results.md).",
        }.AtLeast(1);
        public Option<double> LearningRate { get; } = new Option<double>("--lr") { Description = "Adam learning rate (the schedule's base rate).", DefaultValueFactory = _ => 1e-3 }.Positive();
        public Option<string> LrSchedule { get; } = new("--lr-schedule")
        {
            Description = "How the learning rate changes over the run: constant, step (times --lr-gamma every --lr-step epochs) or cosine (down to 0 at the end; the default).",
            DefaultValueFactory = _ => "cosine",
        };
        public Option<double> Warmup { get; } = new Option<double>("--warmup")
        {
            Description = "Epochs of linear learning-rate warm-up before the schedule.", DefaultValueFactory = _ => 0.25,
        }.NonNegative();
        public Option<double> LrStep { get; } = new Option<double>("--lr-step") { Description = "For --lr-schedule step: epochs between decays.", DefaultValueFactory = _ => 1 }.Positive();
        public Option<double> LrGamma { get; } = new Option<double>("--lr-gamma") { Description = "For --lr-schedule step: the factor of each decay.", DefaultValueFactory = _ => 0.1 }.Positive();
        public Option<int> Latent { get; } = new Option<int>("--latent") { Description = "Latent size L.", DefaultValueFactory = _ => Defaults.LatentSize }.AtLeast(1);
        public Option<double> Beta { get; } = new Option<double>("--beta") { Description = "Weight of the KL term of the VAEs.", DefaultValueFactory = _ => Defaults.Beta }.NonNegative();
        public Option<double?> KlWarmup { get; } = new Option<double?>("--kl-warmup")
        {
            Description = "Epochs over which the KL weight ramps up from 0 (default: 0 for vae, 2 for vae-deepsdf).",
        }.NonNegative();
        public Option<GaussianScale> Likelihood { get; } = new("--likelihood")
        {
            Description = "The VAEs' Gaussian decoder scale sigma: OptimalBatch (the batch's analytic optimum; default), OptimalPerSample, Learnt (from --sigma) or Fixed (--sigma). Losses are in nats per image.",
            DefaultValueFactory = _ => Defaults.Likelihood,
        };
        public Option<double> Sigma { get; } = new Option<double>("--sigma")
        {
            Description = "The VAEs' fixed sigma, or a learnt sigma's start.", DefaultValueFactory = _ => Defaults.Sigma,
        }.Positive();
        public Option<double?> PriorMatching { get; } = new Option<double?>("--prior-matching")
        {
            Description = "Weight of the VAEs' prior-matching term, which pulls the batch's codes to mean 0 and covariance I so that prior samples land where the codes are "
                + $"(default with the fitted prior: {VaeFieldModel.FittedPriorMatching} for vae, {DeepSdfVaeFieldModel.FittedPriorMatching} for vae-deepsdf; "
                + $"with N(0, I): {VaeFieldModel.DefaultPriorMatching} and {DeepSdfVaeFieldModel.DefaultPriorMatching}; with a learnt mixture 0; 0: the plain ELBO).",
        }.NonNegative();
        public Option<int> PriorComponents { get; } = new Option<int>("--prior-components")
        {
            Description = "Components K of the VAEs' prior, a mixture of K Gaussians (KL then a one-sample Monte Carlo estimate): fitted to the codes (--fitted-prior, the default) "
                + "or learnt with the model; 0 gives the prior N(0, I).",
            DefaultValueFactory = _ => Defaults.PriorComponents,
        }.MustBe(k => k >= 0, "0 (the prior N(0, I)) or a number of mixture components K ≥ 1");
        public Option<bool> FittedPrior { get; } = new("--fitted-prior")
        {
            Description = "Whether the VAEs' mixture prior of --prior-components full-covariance Gaussians is fitted by EM to the posteriors of the first "
                + $"{FieldModelConfig.PriorFitFields:N0} training fields after every epoch and of all after the last (true, the default: digit-like prior samples) "
                + "or learnt with the model as K diagonal Gaussians (false; --prior-matching then defaults to 0).",
            DefaultValueFactory = _ => Defaults.FittedPrior,
        };
        public Option<bool> LastEpoch { get; } = new("--last-epoch")
        {
            Description = "Evaluate the weights of the last step instead of those of the epoch with the lowest validation loss (best.safetensors).",
        };
        public Option<DeepSdfVaeReconstruction> Reconstruction { get; } = new("--recon")
        {
            Description = "vae-deepsdf reconstruction term: ImageSum (the likelihood of the whole image, the vanilla VAE's scale; default) or PointMean (of the mean over points, as the original experiment).",
            DefaultValueFactory = _ => Defaults.Reconstruction,
        };
        public Option<AutoencoderLoss> AeLoss { get; } = new("--ae-loss")
        {
            Description = "ae-deepsdf training loss: Calibrated (the Gaussian likelihood of the image at the batch's optimal sigma, the VAEs' calibrated decoder: a log of the MSE, in nats per image; default) or MeanSquaredError (the original experiment's).",
            DefaultValueFactory = _ => Defaults.AutoencoderLoss,
        };
        public Option<int> Points { get; } = new Option<int>("--points") { Description = "Query points per field per step (DeepSDF decoders).", DefaultValueFactory = _ => Defaults.PointsPerShape }.AtLeast(1);
        public Option<float> UniformFraction { get; } = new Option<float>("--uniform-fraction")
        {
            Description = "Share of query points drawn uniformly over the field; the rest lie near the zero contour (DeepSDF sampling).",
            DefaultValueFactory = _ => Defaults.UniformFraction,
        }.MustBe(f => f >= 0 && f <= 1, "between 0 and 1");
        public Option<int> Hidden { get; } = new Option<int>("--hidden") { Description = "Hidden width H of the DeepSDF decoder.", DefaultValueFactory = _ => Defaults.HiddenWidth }.AtLeast(1);
        public Option<int> Channels { get; } = new Option<int>("--channels") { Description = "Base channel count c of the convolutions.", DefaultValueFactory = _ => Defaults.Channels }.AtLeast(1);
        public Option<int> Resolution { get; } = new Option<int>("--resolution") { Description = "Field size S (a multiple of 8).", DefaultValueFactory = _ => Defaults.Resolution }
            .MustBe(s => s >= 8 && s % 8 == 0, "a positive multiple of 8");
        public Option<double?> Clip { get; } = new Option<double?>("--clip") { Description = "Clip the global gradient norm to this value." }.Positive();
        public Option<int?> TrainCount { get; } = new Option<int?>("--train-count") { Description = "Use only the first N training fields." }.AtLeast(1);
        public Option<ulong> Seed { get; } = CommonOptions.Seed();
        public Option<int> Threads { get; } = CommonOptions.Threads();
        public Option<string?> MnistDirectory { get; } = CommonOptions.MnistDirectory();
        public Option<int> TestCount { get; } = CommonOptions.TestCount();

        public RecipeOptions() => LrSchedule.AcceptOnlyFromAmong(ScheduleSettings.Kinds);

        public void AddTo(Command command)
        {
            foreach (Option option in new Option[] { Epochs, BatchSize, LearningRate, LrSchedule, Warmup, LrStep, LrGamma, Latent, Beta, KlWarmup, Likelihood, Sigma, PriorMatching, PriorComponents, FittedPrior, LastEpoch, Reconstruction, AeLoss, Points, UniformFraction, Hidden, Channels, Resolution, Clip, TrainCount, Seed, Threads, MnistDirectory, TestCount })
                command.Options.Add(option);
        }

        /// <summary>The model's hyper-parameters from the options.</summary>
        public FieldModelConfig ModelSettings(ParseResult result) => new()
        {
            LatentSize = result.GetValue(Latent), Resolution = result.GetValue(Resolution), Channels = result.GetValue(Channels),
            HiddenWidth = result.GetValue(Hidden), Beta = result.GetValue(Beta), KlWarmupEpochs = result.GetValue(KlWarmup),
            PointsPerShape = result.GetValue(Points), Reconstruction = result.GetValue(Reconstruction), UniformFraction = result.GetValue(UniformFraction),
            Likelihood = result.GetValue(Likelihood), Sigma = result.GetValue(Sigma), PriorMatching = result.GetValue(PriorMatching),
            PriorComponents = result.GetValue(PriorComponents), FittedPrior = result.GetValue(FittedPrior), AutoencoderLoss = result.GetValue(AeLoss),
        };

        /// <summary>The run's training settings from the options; <paramref name="kind"/> picks the default batch size.</summary>
        public RunSettings Settings(ParseResult result, string outputDirectory, string kind) => new()
        {
            OutputDirectory = outputDirectory, Epochs = result.GetValue(Epochs), BatchSize = result.GetValue(BatchSize) ?? RunSettings.BatchSizeFor(kind),
            LearningRate = result.GetValue(LearningRate), Seed = result.GetValue(Seed), GradientClipNorm = result.GetValue(Clip),
            Threads = result.GetValue(Threads), KeepBest = !result.GetValue(LastEpoch),
            Schedule = new ScheduleSettings(result.GetValue(LrSchedule)!, result.GetValue(Warmup), result.GetValue(LrStep), result.GetValue(LrGamma)),
        };
    }

    /// <summary>Test digits an auto-decoder run evaluates by default: each needs its code fitted (several seconds a digit on one core).</summary>
    const int AutoDecoderTestCount = 32;

    /// <summary>The auto-decoder holds one code per training field: a new run sizes its codes, a resumed one must match.</summary>
    static FieldModelConfig WithCodesFor(string kind, FieldModelConfig settings, int trainCount, bool resumed)
    {
        if (!resumed) return FieldModels.SizedFor(kind, settings, trainCount);
        if (kind == AutoDecoderFieldModel.Kind.Name && settings.ShapeCount != trainCount)
            throw new ArgumentException($"The auto-decoder in this run holds codes for {settings.ShapeCount:N0} training fields, but the data gives {trainCount:N0}: resume with the same --train-count and data.");
        return settings;
    }

    /// <summary>The kind and settings of the run to resume, from its checkpoint; an explicit --model must agree.</summary>
    static (string Kind, FieldModelConfig Settings) Resumed(string checkpoint, string? requestedKind)
    {
        var config = Checkpoint.ReadConfig(checkpoint)
            ?? throw new InvalidDataException($"--resume: {checkpoint} carries no model config (it predates self-describing checkpoints); train a new run.");
        if (requestedKind is not null && requestedKind != config.Kind)
            throw new ArgumentException($"--resume: the run in {Path.GetDirectoryName(checkpoint)} is a '{config.Kind}' model, not '{requestedKind}' (--model); drop --model or choose another --out.");
        if (!FieldModels.Kinds.Contains(config.Kind))
            throw new InvalidDataException($"--resume: {checkpoint} holds a '{config.Kind}' model, which the app cannot train.");
        return (config.Kind, config.Read<FieldModelConfig>(checkpoint));
    }

    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "Which model: vae (Part I, transposed-conv decoder; the default), vae-deepsdf (Part I, DeepSDF decoder), ae-deepsdf (Part II), "
                + "autodecoder-deepsdf (DeepSDF's auto-decoder: no encoder, a learnt code per training digit; test digits get codes by optimisation, "
                + "so it skips validation and tests 32 digits unless --test-count says otherwise). With --resume, the run's own model.",
        };
        model.AcceptOnlyFromAmong([.. FieldModels.Kinds]);
        var output = new Option<string?>("--out") { Description = "Run folder (default runs/<model>-L<latent>)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the run folder's checkpoint.safetensors with the run's own recipe (recipe.json): options not given take the run's values, changed ones are refused except --epochs and --threads." };
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
            bool resuming = result.GetValue(resume);
            string? requestedKind = result.GetValue(model);
            var settings = recipe.ModelSettings(result);
            string kind = requestedKind ?? "vae";
            string folder = result.GetValue(output) ?? Path.Combine("runs", $"{kind}-L{settings.LatentSize}");
            string checkpoint = RunFolder.Checkpoint(folder);
            if (resuming && result.GetValue(initialWeights) is not null)
                throw new ArgumentException("--init-weights and --resume cannot be combined: a resumed run continues from its checkpoint's weights.");
            if (resuming && !File.Exists(checkpoint))
                throw new FileNotFoundException($"--resume: there is no checkpoint at {checkpoint}.");
            if (!resuming) RunFolder.RefuseExisting(folder, "continue it with --resume");
            var runSettings = recipe.Settings(result, folder, kind) with { InitialWeights = result.GetValue(initialWeights) };
            int? trainCount = result.GetValue(recipe.TrainCount);
            bool fitsCodes = kind == AutoDecoderFieldModel.Kind.Name;
            int testCount = fitsCodes && result.GetResult(recipe.TestCount) is null or { Implicit: true }
                ? AutoDecoderTestCount : result.GetValue(recipe.TestCount);
            if (resuming)
            {
                (kind, settings) = Resumed(checkpoint, requestedKind);
                var run = ResumedRecipe.Check(result, recipe, settings, RunRecipe.Load(folder), folder);
                (runSettings, trainCount, testCount) = (run.Settings with { ResumeFrom = checkpoint }, run.TrainCount, run.TestCount);
            }
            var (train, validation, test, origin) = DataLoading.Load(result.GetValue(recipe.MnistDirectory), settings.Resolution, trainCount, testCount);
            settings = WithCodesFor(kind, settings, train.Count, resuming);
            ComputeThreads.MaxThreads = runSettings.Threads;
            return ExperimentRunner.Run(kind, settings, runSettings, train, validation, test, origin, CommonOptions.StopOnSignal()).Interrupted ? 130 : 0;
        });
        return command;
    }
}
