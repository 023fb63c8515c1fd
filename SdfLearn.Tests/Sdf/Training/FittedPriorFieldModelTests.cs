using SdfLearn.Core;
using SdfLearn.Nn.Serialization;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;
using SdfLearn.Sdf.Training;
using SdfLearn.Tests.Nn.Training;

namespace SdfLearn.Tests.Sdf.Training;

/// <summary>
/// <see cref="FieldModelConfig.FittedPrior"/>: the VAEs refit their prior to their posteriors after every epoch, save
/// it with the checkpoint, resume exactly and sample it.
/// </summary>
public sealed class FittedPriorFieldModelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-fittedprior-").FullName;
    private readonly SdfDataset _train = TinyData.Discs(32, TinyFieldModels.Resolution, seed: 1);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ISdfFieldModel Create(string kind) =>
        FieldModels.Create(kind, TinyFieldModels.Settings with { PriorComponents = 2, FittedPrior = true }, seed: 3);

    private static float[] State(ISdfFieldModel model) => model.Module.StateDict().Values.SelectMany(t => t.ToArray()).ToArray();

    [Theory]
    [InlineData("vae")]
    [InlineData("vae-deepsdf")]
    public void ThePrior_IsRefittedAfterEachEpoch_ToTheCodes_AndSavedWithTheCheckpoint(string kind)
    {
        var model = Create(kind);
        var prior = Assert.IsType<FittedMixturePrior<float>>(model.Prior);
        Assert.DoesNotContain(model.Module.NamedParameters(), p => p.Key.StartsWith("prior.", StringComparison.Ordinal));
        Assert.All(prior.Means.ToArray(), m => Assert.Equal(0f, m));

        string path = Path.Combine(_folder, $"{kind}.safetensors");
        TinyFieldModels.Trainer(model, _train, null, epochs: 1, path).Run();
        var codes = model.Encode(_train.Fields);
        var codeMean = Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, _train.Count).Average(i => codes[i, j])).ToArray();
        var weights = prior.LogWeights.ToArray().Select(MathF.Exp).ToArray();
        for (int j = 0; j < 3; j++)
            Assert.Equal(codeMean[j], weights[0] * prior.Means[0, j] + weights[1] * prior.Means[1, j], 3); // the mixture's mean is the codes'

        var loaded = FieldModels.Load(path);
        Assert.True(loaded.Settings.FittedPrior);
        Assert.Equal(model.Settings.PriorMatching, loaded.Settings.PriorMatching);
        Assert.Equal(State(model), State(loaded));
        Assert.Equal(model.Prior!.Sample(8, new SeededRandom(1)).ToArray(), loaded.Prior!.Sample(8, new SeededRandom(1)).ToArray());
    }

    /// <summary>The weighted mean of the prior's component means, which EM keeps at the mean of the codes it fits.</summary>
    private static double[] MixtureMean(FittedMixturePrior<float> prior) =>
        [.. Enumerable.Range(0, prior.Dimension).Select(j => Enumerable.Range(0, prior.Components).Sum(k => Math.Exp(prior.LogWeights[k]) * prior.Means[k, j]))];

    private static double[] CodeMean(Tensor<float> codes, int count) =>
        [.. Enumerable.Range(0, codes.Shape[1]).Select(j => Enumerable.Range(0, count).Average(i => (double)codes[i, j]))];

    [Fact]
    public void EveryEpochButTheLast_RefitsToTheFirstFields_AndTheLastToAll()
    {
        int count = FieldModelConfig.PriorFitFields + 200, size = TinyFieldModels.Resolution * TinyFieldModels.Resolution;
        var discs = TinyData.Discs(count, TinyFieldModels.Resolution, seed: 4);
        var values = discs.Fields.ToArray();
        for (int i = FieldModelConfig.PriorFitFields * size; i < values.Length; i++) values[i] += 1; // fields past the first fit's that encode elsewhere
        var train = new SdfDataset(values, discs.Labels, TinyFieldModels.Resolution);
        var model = Create("vae");
        var prior = (FittedMixturePrior<float>)model.Prior!;
        var codes = model.Encode(train.Fields);
        var (first, all) = (CodeMean(codes, FieldModelConfig.PriorFitFields), CodeMean(codes, count));
        Assert.True(Enumerable.Range(0, 3).Max(j => Math.Abs(first[j] - all[j])) > 2e-5); // an untrained encoder barely tells fields apart, but enough

        model.AfterEpoch(train, completedEpochs: 1, epochs: 2, seed: 0);
        Assert.Equal(first, MixtureMean(prior), (a, b) => Math.Abs(a - b) < 2e-6);
        model.AfterEpoch(train, completedEpochs: 2, epochs: 2, seed: 0);
        Assert.Equal(all, MixtureMean(prior), (a, b) => Math.Abs(a - b) < 2e-6);
    }

    [Fact]
    public void CancelMidEpoch_ResumesExactly_PriorIncluded()
    {
        var straight = Create("vae");
        TinyFieldModels.Trainer(straight, _train, null, epochs: 2).Run();

        string checkpoint = Path.Combine(_folder, "interrupted.safetensors");
        using var cancel = new CancellationTokenSource();
        int steps = 0;
        var interrupted = TinyFieldModels.Trainer(Create("vae"), _train, null, epochs: 2, checkpoint,
            progress: new Callback<TrainingProgress>(_ => { if (++steps == 6) cancel.Cancel(); })).Run(cancel.Token);
        Assert.True(interrupted.Interrupted);

        var resumed = Create("vae");
        TinyFieldModels.Trainer(resumed, _train, null, epochs: 2, checkpoint).Run(resumeFrom: checkpoint);
        Assert.Equal(State(straight), State(resumed));
    }

    [Fact]
    public void TheFittedPrior_IsTheDefault_NeedsEnoughTrainingFields_AndWithoutComponentsIsNormal()
    {
        var defaults = new FieldModelConfig();
        Assert.Equal((20, true), (defaults.PriorComponents, defaults.FittedPrior));
        var standard = FieldModels.Create("vae", TinyFieldModels.Settings with { PriorComponents = 0, FittedPrior = true }, seed: 3);
        Assert.IsType<LatentGaussian>(standard.Prior);
        Assert.Equal(VaeFieldModel.FittedPriorMatching, Create("vae").Settings.PriorMatching);
        Assert.Equal(DeepSdfVaeFieldModel.FittedPriorMatching, Create("vae-deepsdf").Settings.PriorMatching);
        var model = FieldModels.Create("vae", TinyFieldModels.Settings with { PriorComponents = 40 }, seed: 3);
        var tooFew = Assert.Throws<ArgumentException>(() => TinyFieldModels.Trainer(model, _train, null, epochs: 1));
        Assert.Contains("at least 40 training fields; there are 32", tooFew.Message);
        Assert.DoesNotContain("fittedPrior", FieldModels.Create("vae", TinyFieldModels.Settings with { PriorComponents = 2, FittedPrior = false }, seed: 3).Config.Json);
        Assert.Contains("\"fittedPrior\":true", Create("vae").Config.Json);
        string written = ModelConfig.Of("vae", defaults).Json;
        Assert.Contains("\"priorComponents\":20,\"fittedPrior\":true,", written);
        var beforeTheSettings = new ModelConfig("vae", written.Replace("\"priorComponents\":20,\"fittedPrior\":true,", "")).Read<FieldModelConfig>("test");
        Assert.Equal((0, false), (beforeTheSettings.PriorComponents, beforeTheSettings.FittedPrior)); // an older checkpoint's N(0, I)
    }
}
