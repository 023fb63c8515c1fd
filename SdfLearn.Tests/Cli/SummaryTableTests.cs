using SdfLearn.Cli.Reports;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Tests.Cli;

public sealed class SummaryTableTests
{
    private static readonly ValueSpread Spread = new(-0.1, -0.05, 0.4, 0.6, 0.12);

    private static RunMetrics Run(string model, int epochs, int selected) => new()
    {
        Model = model, LatentSize = 32, Epochs = epochs, SelectedEpoch = selected, Seed = 0, Threads = 2, TrainCount = 9000,
        TestSet = "t10k", TestCount = 10000, TestMse = 1e-4, TestIou = 0.85, TestLoss = -7000, MeanKl = 40,
        Reconstructions = Spread, Samples = Spread, Data = Spread, SecondsPerEpoch = 30, EvaluationSeconds = 5, History = [],
    };

    [Fact]
    public void Summary_ShowsTheEvaluatedEpoch_AndLinksEachRunsPictures()
    {
        RunMetrics[] runs = [Run("vae", 6, 5), Run("ae-deepsdf", 4, 4)];
        Assert.Contains("| vae | 32 | 6 (5) |", SummaryTable.Markdown(runs));
        string pictures = SummaryTable.Pictures(runs);
        Assert.Contains("](vae-L32/reconstructions.png)", pictures);
        Assert.Contains("](vae-L32/samples.png)", pictures);
        Assert.Contains("](ae-deepsdf-L32/samples.png)", pictures);
    }

    [Fact]
    public void Summary_ShowsAVaesFittedGaussianSamples_AndNoneForAnAutoencoder()
    {
        var fitted = new ValueSpread(-0.2, -0.06, 0.45, 0.7, 0.107);
        RunMetrics[] runs = [Run("vae", 10, 10) with { FittedSamples = fitted }, Run("ae-deepsdf", 10, 10)];
        string table = SummaryTable.Markdown(runs);
        Assert.Contains($"| {Spread} | {fitted} |", table);
        Assert.Contains($"| {Spread} | (the samples) |", table);
        string pictures = SummaryTable.Pictures(runs);
        Assert.Contains("](vae-L32/samples-fitted.png)", pictures);
        Assert.DoesNotContain("ae-deepsdf-L32/samples-fitted.png", pictures);
    }
}
