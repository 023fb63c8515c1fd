using SdfLearn.Cli.Experiments;
using SdfLearn.Cli.Reports;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Evaluation;
using SdfLearn.Sdf.Training;
using SdfLearn.Tests.Sdf.Training;

namespace SdfLearn.Tests.Cli;

/// <summary><c>train --resume</c> continues with the run's own recipe and refuses changed options, writing nothing.</summary>
public sealed class ResumeRecipeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-resume-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int ExitCode, string Error) Run(params string[] args) => CliErrorTests.Run(args);

    /// <summary>A finished one-epoch run of a tiny VAE, batch 32 on 64 fields (two steps an epoch), seed 3, learning rate 0.002.</summary>
    private string TrainedRun()
    {
        string run = Path.Combine(_folder, "run");
        var (code, error) = Run("train", "--out", run, "--epochs", "1", "--train-count", "64", "--batch-size", "16", "--seed", "3", "--lr", "0.002",
            "--resolution", "16", "--channels", "2", "--latent", "2", "--test-count", "4", "--threads", "1");
        Assert.True(code == 0, error);
        return run;
    }

    /// <summary>Every file of the folder with its bytes, to show that a refusal wrote nothing.</summary>
    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.GetFiles(folder).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);

    [Theory]
    [InlineData("--lr", "0.01", "--lr: the run used 0.002, given 0.01")]
    [InlineData("--batch-size", "8", "--batch-size: the run used 16, given 8")]
    [InlineData("--seed", "4", "--seed: the run used 3, given 4")]
    [InlineData("--ae-loss", "MeanSquaredError", "--ae-loss: the run used Calibrated, given MeanSquaredError")]
    [InlineData("--prior-components", "3", "--prior-components: the run used 20, given 3")]
    [InlineData("--fitted-prior", "false", "--fitted-prior: the run used True, given False")]
    public void AChangedRecipeOption_IsRefusedNamingBothValues_AndNothingIsWritten(string flag, string value, string difference)
    {
        string run = TrainedRun();
        var before = Files(run);
        var (code, error) = Run("train", "--resume", "--out", run, "--epochs", "2", flag, value);
        Assert.Equal(1, code);
        Assert.Equal($"error: --resume: {difference}. Drop that option to continue with the run's values, or start a new run with another --out.", error.TrimEnd());
        Assert.Equal(before.Keys.Order(), Files(run).Keys.Order());
        Assert.All(Files(run), file => Assert.Equal(before[file.Key], file.Value));
    }

    [Fact]
    public void AVaeRun_FitsItsPriorByDefault_WithTheAppsMixtureSize()
    {
        string run = Path.Combine(_folder, "fitted");
        var (code, error) = Run("train", "--out", run, "--epochs", "1", "--train-count", "64", "--batch-size", "16",
            "--resolution", "16", "--channels", "2", "--latent", "2", "--test-count", "4", "--threads", "1");
        Assert.True(code == 0, error);
        var model = FieldModels.Load(Path.Combine(run, "checkpoint.safetensors"));
        Assert.Equal(LatentMixture.DefaultComponents, model.Settings.PriorComponents);
        Assert.True(model.Settings.FittedPrior);
        Assert.True(File.Exists(Path.Combine(run, "samples.png")));
    }

    [Fact]
    public void SeveralChangedOptions_AreEachNamed_InOneLine()
    {
        string run = TrainedRun();
        var (code, error) = Run("train", "--resume", "--out", run, "--batch-size", "8", "--latent", "3", "--lr-schedule", "step");
        Assert.Equal(1, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("--batch-size: the run used 16, given 8; --lr-schedule: the run used cosine, given step; --latent: the run used 2, given 3. Drop those options", error);
    }

    [Fact]
    public void AVaeRun_AlsoSamplesAGaussianFittedToItsCodes_WhichAnAutoencoderSamplesAnyway_AndBothAMixture()
    {
        string run = TrainedRun();
        Assert.True(File.Exists(Path.Combine(run, "samples-fitted.png")));
        Assert.True(File.Exists(Path.Combine(run, "samples-mixture.png")));
        var vae = RunMetrics.Load(Path.Combine(run, "metrics.json"));
        Assert.NotNull(vae.FittedSamples);
        Assert.NotNull(vae.MixtureSamples);
        Assert.Contains("\"mixture_samples\"", File.ReadAllText(Path.Combine(run, "metrics.json")));
        string ae = Path.Combine(_folder, "ae");
        var (code, error) = Run("train", "--model", "ae-deepsdf", "--out", ae, "--epochs", "1", "--train-count", "64", "--batch-size", "32",
            "--resolution", "16", "--channels", "2", "--latent", "2", "--hidden", "8", "--points", "16", "--test-count", "4", "--threads", "1");
        Assert.True(code == 0, error);
        Assert.False(File.Exists(Path.Combine(ae, "samples-fitted.png")));
        Assert.True(File.Exists(Path.Combine(ae, "samples-mixture.png")));
        var autoencoder = RunMetrics.Load(Path.Combine(ae, "metrics.json"));
        Assert.Null(autoencoder.FittedSamples);
        Assert.NotNull(autoencoder.MixtureSamples);
    }

    [Theory]
    [InlineData("ae-deepsdf", 16)]
    [InlineData("vae", 32)]
    public void WithoutBatchSize_ARunUsesItsKindsRecipe_AndRecordsIt(string kind, int batchSize)
    {
        string run = Path.Combine(_folder, kind);
        var (code, error) = Run("train", "--model", kind, "--out", run, "--epochs", "1", "--train-count", "32",
            "--resolution", "16", "--channels", "2", "--latent", "2", "--hidden", "8", "--points", "16", "--test-count", "4", "--threads", "1");
        Assert.True(code == 0, error);
        Assert.Equal(batchSize, RunRecipe.Load(run).Settings.BatchSize);
    }

    [Fact]
    public void UnchangedOptions_AreAccepted()
    {
        string run = TrainedRun();
        var (code, error) = Run("train", "--resume", "--out", run, "--batch-size", "16", "--seed", "3", "--lr", "0.002");
        Assert.True(code == 0, error);
    }

    [Fact]
    public void APlainResume_ContinuesWithTheRunsRecipe_AndMoreEpochsExtendIt()
    {
        string run = TrainedRun();
        var (code, error) = Run("train", "--resume", "--out", run, "--epochs", "2");
        Assert.True(code == 0, error);
        var state = Checkpoint.ReadState(RunFolder.Checkpoint(run));
        Assert.Equal(2, state.Epoch);
        Assert.Equal(8, state.Step); // batch 16 kept: the default 32 would take two steps an epoch
        var recipe = RunRecipe.Load(run);
        Assert.Equal(2, recipe.Settings.Epochs);
        Assert.Equal((16, 3ul, 0.002, 64), (recipe.Settings.BatchSize, recipe.Settings.Seed, recipe.Settings.LearningRate, recipe.TrainCount));
    }

    [Fact]
    public void ARunWithoutARecipe_IsRefusedSayingHowToGoOn()
    {
        string run = Path.Combine(_folder, "old");
        Directory.CreateDirectory(run);
        SdfModels.Save(RunFolder.Checkpoint(run), TinyFieldModels.Create("vae"));
        var (code, error) = Run("train", "--resume", "--out", run);
        Assert.Equal(1, code);
        Assert.Equal($"error: --resume: {run} has no recipe.json (the run predates recorded recipes), so its options cannot be checked: start a new run with another --out.", error.TrimEnd());
    }
}
