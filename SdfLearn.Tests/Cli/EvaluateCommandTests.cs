using System.Text.Json;

namespace SdfLearn.Tests.Cli;

/// <summary><c>sdflearn evaluate</c>: a finished run scored again gives the figures its training run wrote.</summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ARunScoredAgain_GivesTheMetricsItsTrainingWrote()
    {
        string run = Path.Combine(_folder, "run"), scores = Path.Combine(_folder, "scores.json");
        var (code, error) = CliErrorTests.Run("train", "--out", run, "--epochs", "1", "--train-count", "32", "--batch-size", "16", "--seed", "3",
            "--resolution", "16", "--channels", "2", "--latent", "2", "--test-count", "6", "--threads", "1");
        Assert.True(code == 0, error);
        (code, error) = CliErrorTests.Run("evaluate", "--run", run, "--test-count", "6", "--threads", "1", "--out", scores);
        Assert.True(code == 0, error);
        using var trained = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        using var scored = JsonDocument.Parse(File.ReadAllText(scores));
        foreach (string name in new[] { "test_set", "test_count", "test_mse", "test_iou" })
            Assert.Equal(trained.RootElement.GetProperty(name).ToString(), scored.RootElement.GetProperty(name).ToString());
    }

    [Fact]
    public void Samples_AddTheirFidelityNextToRealDigits()
    {
        string run = Path.Combine(_folder, "vae"), scores = Path.Combine(_folder, "fidelity.json");
        var (code, error) = CliErrorTests.Run("train", "--model", "vae", "--out", run, "--epochs", "1", "--train-count", "32", "--batch-size", "16",
            "--resolution", "16", "--channels", "2", "--latent", "2", "--test-count", "6", "--threads", "1");
        Assert.True(code == 0, error);
        (code, error) = CliErrorTests.Run("evaluate", "--run", run, "--test-count", "6", "--threads", "1", "--samples", "5", "--out", scores);
        Assert.True(code == 0, error);
        using var scored = JsonDocument.Parse(File.ReadAllText(scores));
        var fidelity = scored.RootElement.GetProperty("sample_fidelity");
        double Figure(string source, string name) => fidelity.GetProperty(source).GetProperty(name).GetDouble();
        foreach (string source in new[] { "prior", "mixture" })
        {
            Assert.InRange(Figure(source, "digit_like"), 0, Figure(source, "one_piece"));
            Assert.InRange(Figure(source, "median_nearest_iou"), 0, 1);
        }
        // The threshold is the real digits' 10% quantile of nearest IoU: of 5 digits, the lowest, so each in one piece passes.
        Assert.Equal(Figure("test_digits", "one_piece"), Figure("test_digits", "digit_like"));
    }

    [Fact]
    public void AMissingRun_IsOneLineNamingIt()
    {
        var (code, error) = CliErrorTests.Run("evaluate", "--run", Path.Combine(_folder, "nowhere"));
        Assert.Equal(1, code);
        Assert.Contains("There is no run folder", error);
    }
}
