using SdfLearn.Sdf.Evaluation;
using SdfLearn.Tests.Nn.Training;
using SdfLearn.Tests.Sdf.Training;

namespace SdfLearn.Tests.Sdf.Evaluation;

/// <summary><see cref="RunFigures.SaveSamples"/> and <see cref="RunFigures.SaveSampleGrid"/>: where the latents come from, the same first draws for any count, and the refusal of a prior a model lacks.</summary>
public sealed class SampleFiguresTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-samples-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AVae_SamplesItsPriorByDefault_AndAFittedGaussianWhenAsked()
    {
        var model = TinyFieldModels.Create("vae");
        var data = TinyData.Discs(12, TinyFieldModels.Resolution, seed: 2);
        var prior = RunFigures.SaveSamples(Path.Combine(_folder, "prior.png"), model, data, seed: 1, rows: 1, columns: 4);
        var explicitPrior = RunFigures.SaveSamples(Path.Combine(_folder, "p.png"), model, data, seed: 1, rows: 1, columns: 4, LatentSampling.Prior);
        var fitted = RunFigures.SaveSamples(Path.Combine(_folder, "fitted.png"), model, data, seed: 1, rows: 1, columns: 4, LatentSampling.FittedGaussian);
        Assert.Equal(prior.Span.ToArray(), explicitPrior.Span.ToArray());
        Assert.NotEqual(prior.Span.ToArray(), fitted.Span.ToArray());
        Assert.True(File.Exists(Path.Combine(_folder, "fitted.png")));
    }

    [Fact]
    public void AnyModel_SamplesAMixtureFittedToItsCodes_WhenAsked()
    {
        var model = TinyFieldModels.Create("ae-deepsdf");
        var data = TinyData.Discs(12, TinyFieldModels.Resolution, seed: 2);
        var fitted = RunFigures.SaveSamples(Path.Combine(_folder, "fitted.png"), model, data, seed: 1, rows: 1, columns: 4);
        var mixture = RunFigures.SaveSamples(Path.Combine(_folder, "mixture.png"), model, data, seed: 1, rows: 1, columns: 4, LatentSampling.FittedMixture, components: 3);
        var again = RunFigures.SaveSamples(Path.Combine(_folder, "again.png"), model, data, seed: 1, rows: 1, columns: 4, LatentSampling.FittedMixture, components: 3,
            fitLatents: model.TrainingLatents(data));
        Assert.NotEqual(fitted.Span.ToArray(), mixture.Span.ToArray());
        Assert.Equal(mixture.Span.ToArray(), again.Span.ToArray()); // the same with latents the caller encoded
        Assert.True(File.Exists(Path.Combine(_folder, "mixture.png")));
    }

    [Theory]
    [InlineData("vae", LatentSampling.Prior)]
    [InlineData("ae-deepsdf", LatentSampling.FittedMixture)]
    public void AGridOfMoreDraws_ShowsTheFieldsThatDrawingOnlyThoseGives(string kind, LatentSampling sampling)
    {
        var model = TinyFieldModels.Create(kind);
        var data = TinyData.Discs(12, TinyFieldModels.Resolution, seed: 2);
        var alone = RunFigures.SaveSamples(Path.Combine(_folder, "alone.png"), model, data, seed: 1, rows: 1, columns: 4, sampling, components: 3);
        var draws = RunFigures.Sample(model, data, seed: 1, count: 10, sampling, components: 3);
        var shown = RunFigures.SaveSampleGrid(Path.Combine(_folder, "grid.png"), model, draws, sampling, components: 3, rows: 1, columns: 4);
        Assert.Equal(alone.Shape, shown.Shape);
        Assert.Equal(alone.Span.ToArray(), shown.Span.ToArray());
        Assert.True(File.Exists(Path.Combine(_folder, "grid.png")));

        string tooMany = Path.Combine(_folder, "too-many.png");
        var error = Assert.Throws<ArgumentException>(() => RunFigures.SaveSampleGrid(tooMany, model, draws, sampling, rows: 3, columns: 4));
        Assert.Contains("needs at least 12 fields", error.Message);
        Assert.False(File.Exists(tooMany));
    }

    [Fact]
    public void AnAutoencodersPrior_IsRefusedNamingTheWayOut_AndWritesNothing()
    {
        var model = TinyFieldModels.Create("ae-deepsdf");
        var data = TinyData.Discs(12, TinyFieldModels.Resolution, seed: 2);
        string path = Path.Combine(_folder, "prior.png");
        var error = Assert.Throws<ArgumentException>(() => RunFigures.SaveSamples(path, model, data, seed: 1, rows: 1, columns: 4, LatentSampling.Prior));
        Assert.Contains("has no prior to sample; use FittedGaussian", error.Message);
        Assert.False(File.Exists(path));
    }
}
