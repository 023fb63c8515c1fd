using SdfLearn.Cli;
using SdfLearn.Nn.Serialization;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Training;
using SdfLearn.Tests.Sdf.Training;

namespace SdfLearn.Tests.Cli;

/// <summary>The app refuses bad input with one clear line and exit code 1, before loading any data, never with a stack trace.</summary>
public sealed class CliErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Runs the app in-process; fails on a stack trace in the error text.</summary>
    internal static (int ExitCode, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        int code = App.Run(args, error);
        string text = error.ToString();
        Assert.DoesNotContain("   at ", text); // no stack trace
        return (code, text);
    }

    /// <summary>A run folder holding a tiny VAE's checkpoint.</summary>
    private string VaeRun()
    {
        string run = Path.Combine(_folder, "vae-run");
        Directory.CreateDirectory(run);
        SdfModels.Save(Path.Combine(run, "checkpoint.safetensors"), TinyFieldModels.Create("vae"));
        return run;
    }

    [Theory]
    [InlineData("--epochs", "-1", "--epochs must be at least 1")]
    [InlineData("--resolution", "60", "--resolution must be a positive multiple of 8")]
    [InlineData("--uniform-fraction", "1.5", "--uniform-fraction must be between 0 and 1")]
    [InlineData("--lr", "0", "--lr must be a finite number above 0")]
    [InlineData("--prior-components", "-2", "--prior-components must be 0 (the prior N(0, I)) or a number of mixture components K ≥ 1; got -2.")]
    public void BadNumbers_AreRefusedByFlag_BeforeAnyDataIsLoaded(string flag, string value, string message)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, error) = Run("train", flag, value, "--out", Path.Combine(_folder, "never"));
        Assert.Equal(1, code);
        Assert.Contains(message, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}: data was loaded first");
        Assert.False(Directory.Exists(Path.Combine(_folder, "never")));
    }

    [Fact]
    public void MissingMnistFolder_IsAnError_NotAFallbackToTheSample()
    {
        var (code, error) = Run("montage", "--mnist-dir", Path.Combine(_folder, "no-such-folder"), "--out", Path.Combine(_folder, "m.png"));
        Assert.Equal(1, code);
        Assert.Contains("--mnist-dir must be an existing folder", error);
        Assert.False(File.Exists(Path.Combine(_folder, "m.png")));
    }

    [Fact]
    public void OptionsWithoutACommand_AreTheMainJobs()
    {
        var (code, error) = Run("--models", "no-such-model"); // as `run --models no-such-model`: run's own check answers
        Assert.Equal(1, code);
        Assert.Contains("--models: unknown model 'no-such-model'", error);
        Assert.DoesNotContain("Required command", error);
    }

    [Fact]
    public void CorruptCheckpoint_IsOneLine()
    {
        string run = Path.Combine(_folder, "corrupt");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "checkpoint.safetensors"), "not a safetensors file");
        File.WriteAllText(Path.Combine(run, "model.json"), "{ corrupt");
        var (code, error) = Run("reconstruct", "--run", run, "--out", Path.Combine(_folder, "r.png"));
        Assert.Equal(1, code);
        Assert.StartsWith("error: ", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void CorruptConfig_IsOneLineNamingTheFile()
    {
        string run = Path.Combine(_folder, "bad-config");
        Directory.CreateDirectory(run);
        string checkpoint = Path.Combine(run, "checkpoint.safetensors");
        Checkpoint.Save(checkpoint, TinyFieldModels.Create("vae").Module, null, null, new ModelConfig("vae", "{\"latentSize\": [}"));
        var (code, error) = Run("sample", "--run", run, "--out", Path.Combine(_folder, "s.png"));
        Assert.Equal(1, code);
        Assert.Contains(checkpoint, error);
        Assert.Contains("does not parse", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void ResumingARunOfAnotherModel_IsRefusedNamingBoth()
    {
        var (code, error) = Run("train", "--model", "ae-deepsdf", "--resume", "--out", VaeRun());
        Assert.Equal(1, code);
        Assert.Contains("'vae'", error);
        Assert.Contains("'ae-deepsdf'", error);
    }

    [Fact]
    public void TrainingIntoAnExistingRun_WithoutResume_IsRefusedSayingHowToGoOn()
    {
        string run = VaeRun();
        byte[] before = File.ReadAllBytes(Path.Combine(run, "checkpoint.safetensors"));
        var (code, error) = Run("train", "--out", run);
        Assert.Equal(1, code);
        Assert.Contains("--resume", error);
        Assert.Contains("--out", error);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(run, "checkpoint.safetensors")));
    }

    [Fact]
    public void RunningIntoExistingRunFolders_IsRefusedBeforeAnyTraining_SayingHowToGoOn()
    {
        string root = Path.Combine(_folder, "runs"), second = Path.Combine(root, "vae-deepsdf-L32");
        Directory.CreateDirectory(second);
        SdfModels.Save(Path.Combine(second, "checkpoint.safetensors"), TinyFieldModels.Create("vae-deepsdf"));
        byte[] before = File.ReadAllBytes(Path.Combine(second, "checkpoint.safetensors"));
        var (code, error) = Run("run", "--out", root);
        Assert.Equal(1, code);
        Assert.Equal($"error: {second} already holds a run (checkpoint.safetensors): continue it with "
            + $"'sdflearn train --model vae-deepsdf --out {second} --resume', or choose another folder with --out.", error.TrimEnd());
        Assert.False(Directory.Exists(Path.Combine(root, "vae-L32")), "the first model was trained before the second's folder was checked");
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(second, "checkpoint.safetensors")));
    }

    [Fact]
    public void RunFolder_IsRebuiltFromTheCheckpointAlone()
    {
        var model = SdfLearn.Cli.Experiments.RunFolder.Load(VaeRun());
        Assert.Equal("vae", model.Config.Kind);
        Assert.Equal(TinyFieldModels.Settings.WithPriorMatching(SdfLearn.Sdf.Training.VaeFieldModel.DefaultPriorMatching, SdfLearn.Sdf.Training.VaeFieldModel.FittedPriorMatching), model.Settings);
    }
}
