using SdfLearn.Core;
using SdfLearn.Nn.Serialization;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Evaluation;
using SdfLearn.Sdf.Training;
using SdfLearn.Tests.Nn.Training;

namespace SdfLearn.Tests.Sdf.Training;

/// <summary>
/// <see cref="FieldModelConfig.PriorComponents"/>: the VAEs train, save and sample their learnt mixture prior, and with
/// 0 (the default) nothing changes, checkpoints included.
/// </summary>
public sealed class MixturePriorFieldModelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-mixprior-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ISdfFieldModel Create(string kind, int components) =>
        FieldModels.Create(kind, TinyFieldModels.Settings with { PriorComponents = components, FittedPrior = false }, seed: 3);

    [Theory]
    [InlineData("vae")]
    [InlineData("vae-deepsdf")]
    public void AMixturePrior_IsTrainedWithTheModel_AndRoundTripsThroughItsCheckpoint(string kind)
    {
        var model = Create(kind, components: 4);
        var initialMeans = model.Module.StateDict()["prior.means"];
        string path = Path.Combine(_folder, $"{kind}.safetensors");
        TinyFieldModels.Trainer(model, TinyData.Discs(16, TinyFieldModels.Resolution, 1), null, epochs: 1, path).Run();

        var state = model.Module.StateDict();
        Assert.Equal(new Shape(4, 3), state["prior.means"].Shape);
        Assert.Equal(new Shape(4, 3), state["prior.log_scales"].Shape);
        Assert.Equal(new Shape(4), state["prior.logits"].Shape);
        Assert.NotEqual(initialMeans.ToArray(), state["prior.means"].ToArray());

        var loaded = FieldModels.Load(path);
        Assert.Equal(4, loaded.Settings.PriorComponents);
        Assert.Equal(0, loaded.Settings.PriorMatching); // a mixture prior's default: the moments term pulls to N(0, I)
        Assert.Equal(state.Keys, loaded.Module.StateDict().Keys);
        Assert.All(state, entry => Assert.Equal(entry.Value.ToArray(), loaded.Module.StateDict()[entry.Key].ToArray()));
        Assert.IsType<MixturePrior<float>>(loaded.Prior);
        Assert.Equal(model.Prior!.Sample(8, new SeededRandom(1)).ToArray(), loaded.Prior!.Sample(8, new SeededRandom(1)).ToArray());
    }

    [Fact]
    public void PriorSamples_AreDecodedFromTheLearntMixture()
    {
        var model = Create("vae", components: 3);
        var data = TinyData.Discs(4, TinyFieldModels.Resolution, 1);
        var samples = RunFigures.Sample(model, data, seed: 2, count: 5, LatentSampling.Prior);
        var expected = model.Decode(model.Prior!.Sample(5, SeededRandom.Derive(2, 7)), model.Resolution);
        Assert.Equal(expected.ToArray(), samples.ToArray());
    }

    [Fact]
    public void WithoutComponents_ThePriorIsStandardNormal_AndTheCheckpointIsAsBefore()
    {
        var model = Create("vae", components: 0);
        Assert.IsType<LatentGaussian>(model.Prior);
        Assert.DoesNotContain(model.Module.NamedParameters(), p => p.Key.StartsWith("prior.", StringComparison.Ordinal));
        Assert.DoesNotContain("priorComponents", model.Config.Json);
        Assert.Equal(VaeFieldModel.DefaultPriorMatching, model.Settings.PriorMatching);
        Assert.Null(FieldModels.Create("ae-deepsdf", TinyFieldModels.Settings, seed: 3).Prior);

        var written = ModelConfig.Of("vae", TinyFieldModels.Settings with { PriorComponents = 5, FittedPrior = false });
        Assert.Contains("\"priorComponents\":5", written.Json);
        Assert.Equal(5, written.Read<FieldModelConfig>("test").PriorComponents);
        Assert.Equal(0, ModelConfig.Of("vae", TinyFieldModels.Settings).Read<FieldModelConfig>("test").PriorComponents);
    }

    [Fact]
    public void AnExplicitPriorMatchingWeight_IsKeptWithAMixture()
    {
        var model = Create("vae", components: 2);
        Assert.Equal(0, model.Settings.PriorMatching);
        var weighted = FieldModels.Create("vae", TinyFieldModels.Settings with { PriorComponents = 2, FittedPrior = false, PriorMatching = 5 }, seed: 3);
        Assert.Equal(5, weighted.Settings.PriorMatching);
    }

    [Fact]
    public void NegativeComponents_AreRefusedByName()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FieldModelConfig { PriorComponents = -1 }.Validate());
        Assert.Equal(nameof(FieldModelConfig.PriorComponents), error.ParamName);
        Assert.Contains("0 for N(0, I)", error.Message);
    }
}
