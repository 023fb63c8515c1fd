using SdfLearn.Cli.Experiments;
using SdfLearn.Core;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Training;

namespace SdfLearn.Tests.Cli;

/// <summary>Runs alone: <see cref="TrainingLanes"/> and the app set the process-wide <see cref="ComputeThreads.MaxThreads"/>.</summary>
[CollectionDefinition(nameof(MainJobTests), DisableParallelization = true)]
public class MainJobCollection;

/// <summary><c>sdflearn run</c>: models side by side (<see cref="TrainingLanes"/>) give what they give alone, and the main job's recipe.</summary>
[Collection(nameof(MainJobTests))]
public sealed class MainJobTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-lanes-").FullName;
    private readonly int _savedThreads = ComputeThreads.MaxThreads;

    public void Dispose()
    {
        ComputeThreads.MaxThreads = _savedThreads;
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void TwoLanes_RunTwoJobsAtOnce_OnOneThreadEach_ThenTheLastGetsEveryThread_AndResultsComeInJobOrder()
    {
        using var bothStarted = new Barrier(2);
        int[] seen = new int[3];
        Func<int> Meeting(int job) => () =>
        {
            seen[job] = ComputeThreads.MaxThreads; // no lane can end before both have met below
            Assert.True(bothStarted.SignalAndWait(Patience), "the second lane never started");
            return job * 10;
        };
        var results = TrainingLanes.Run([Meeting(0), Meeting(1), () => 20], lanes: 2, threads: 3);
        Assert.Equal([0, 10, 20], results);
        Assert.Equal([1, 1], seen[..2]);
        Assert.Equal(3, ComputeThreads.MaxThreads); // the last busy lane got them all
    }

    [Fact]
    public void AFailingJob_IsRethrownAsItself_AndNoLaterJobStarts()
    {
        bool laterRan = false;
        var error = Assert.Throws<InvalidOperationException>(() => TrainingLanes.Run<int>(
            [() => throw new InvalidOperationException("job 0 failed"), () => { laterRan = true; return 1; }], lanes: 1, threads: 2));
        Assert.Equal("job 0 failed", error.Message);
        Assert.False(laterRan);
    }

    [Fact]
    public void TheMainJob_TrainsTheSameModelsSideBySide_AsOneAfterAnother()
    {
        string[] Job(string lanes) =>
        [
            "run", "--models", "vae", "ae-deepsdf", "--lanes", lanes, "--out", Path.Combine(_folder, lanes), "--epochs", "1", "--train-count", "32",
            "--batch-size", "16", "--resolution", "16", "--channels", "2", "--latent", "2", "--hidden", "8", "--points", "16", "--test-count", "4",
            "--threads", "2", "--seed", "5",
        ];
        foreach (string lanes in new[] { "1", "2" })
        {
            var (code, error) = CliErrorTests.Run(Job(lanes));
            Assert.True(code == 0, error);
        }
        foreach (string run in new[] { "vae-L2", "ae-deepsdf-L2" })
        {
            float[] Weights(string lanes) => SdfModels.Load(Path.Combine(_folder, lanes, run, "checkpoint.safetensors")).Module.Parameters()
                .SelectMany(p => p.Value.Span.ToArray()).ToArray();
            Assert.Equal(Weights("1"), Weights("2"));
        }
    }

    [Theory]
    [InlineData(new string[0], MainJob.PointsPerShape)]
    [InlineData(new[] { "--full" }, 512)]
    [InlineData(new[] { "--points", "24" }, 24)]
    public void TheMainJob_TrainsDeepSdfModelsOnItsOwnPointCount_UnlessFullOrGiven(string[] options, int points)
    {
        string output = Path.Combine(_folder, "main");
        var (code, error) = CliErrorTests.Run([
            "run", "--models", "ae-deepsdf", "--out", output, "--epochs", "1", "--train-count", "16", "--batch-size", "16", "--resolution", "16",
            "--channels", "2", "--latent", "2", "--hidden", "8", "--test-count", "2", "--threads", "1", .. options]);
        Assert.True(code == 0, error);
        var config = Checkpoint.ReadConfig(Path.Combine(output, "ae-deepsdf-L2", "checkpoint.safetensors"))!.Read<FieldModelConfig>("the test run");
        Assert.Equal(points, config.PointsPerShape);
    }

    [Theory]
    [InlineData(new string[0], "vae-deepsdf", MainJob.DeepSdfVaeEpochs)]
    [InlineData(new string[0], "ae-deepsdf", 10)]
    [InlineData(new[] { "--full" }, "vae-deepsdf", 10)]
    [InlineData(new[] { "--epochs", "2" }, "vae-deepsdf", 2)]
    public void TheMainJob_TrainsEachModelForItsOwnEpochs_UnlessFullOrGiven(string[] options, string kind, int epochs)
    {
        string output = Path.Combine(_folder, "epochs");
        var (code, error) = CliErrorTests.Run([
            "run", "--models", kind, "--out", output, "--train-count", "16", "--batch-size", "16", "--resolution", "16", "--channels", "2",
            "--latent", "2", "--hidden", "8", "--points", "8", "--prior-components", "2", "--test-count", "2", "--threads", "1", .. options]);
        Assert.True(code == 0, error);
        string run = Path.Combine(output, $"{kind}-L2");
        Assert.Equal(epochs, RunRecipe.Load(run).Settings.Epochs);
        Assert.Equal(epochs, File.ReadAllLines(Path.Combine(run, "history.csv")).Length - 1); // a header, then a row an epoch
    }
}
