using SdfLearn.Core;
using SdfLearn.Nn.Serialization;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Training;
using SdfLearn.Tests.Nn.Training;

namespace SdfLearn.Tests.Sdf.Training;

/// <summary>The registry rebuilds every field model from its checkpoint alone, and refuses files that do not fit by name.</summary>
public sealed class SdfModelsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-models-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static float[] Weights(ISdfModel model) => model.Module.Parameters().SelectMany(p => p.Value.ToArray()).ToArray();

    [Theory]
    [InlineData("vae")]
    [InlineData("vae-deepsdf")]
    [InlineData("ae-deepsdf")]
    [InlineData("autodecoder-deepsdf")]
    public void EveryFieldKind_RoundTripsThroughItsCheckpoint(string kind)
    {
        var model = TinyFieldModels.Create(kind, seed: 3, shapeCount: 5);
        string path = Path.Combine(_folder, $"{kind}.safetensors");
        SdfModels.Save(path, model);
        var loaded = FieldModels.Load(path);
        Assert.Equal(model.Config, loaded.Config);
        Assert.Equal(model.Settings, loaded.Settings);
        Assert.Equal(Weights(model), Weights(loaded));
        Assert.NotEqual(Weights(model), Weights(TinyFieldModels.Create(kind, seed: 4, shapeCount: 5)));
    }

    [Fact]
    public void TrainerCheckpoint_RebuildsItsModel()
    {
        var model = TinyFieldModels.Create("ae-deepsdf");
        string path = Path.Combine(_folder, "run.safetensors");
        TinyFieldModels.Trainer(model, TinyData.Discs(16, TinyFieldModels.Resolution, 1), null, epochs: 1, path).Run();
        Assert.Equal(Weights(model), Weights(SdfModels.Load(path)));
    }

    [Fact]
    public void DefaultSettings_AreTheMeasuredRecipe()
    {
        Assert.Equal(0.5f, new FieldModelConfig().UniformFraction);
        Assert.Equal(2, new FieldModelConfig().Kl(defaultWarmup: 2).WarmupEpochs);
    }

    [Fact]
    public void AConfigWrittenBeforeASetting_ReadsBackWithTheValueItWasTrainedWith_NotTodaysDefault()
    {
        var today = ModelConfig.Of("ae-deepsdf", new FieldModelConfig { PriorMatching = 70 });
        var json = System.Text.Json.Nodes.JsonNode.Parse(today.Json)!.AsObject();
        json.Remove("priorMatching");
        json.Remove("autoencoderLoss");
        var old = new ModelConfig("ae-deepsdf", json.ToJsonString()).Read<FieldModelConfig>("test");

        Assert.Equal(0, old.PriorMatching);
        Assert.Equal(SdfLearn.Sdf.Architectures.AutoencoderLoss.MeanSquaredError, old.AutoencoderLoss);
        Assert.Equal(SdfLearn.Sdf.Architectures.AutoencoderLoss.Calibrated, new FieldModelConfig().AutoencoderLoss);
        Assert.Equal(new FieldModelConfig { PriorMatching = 70 }, today.Read<FieldModelConfig>("test"));
    }

    [Theory]
    [InlineData("vae", null, 20, 70)]
    [InlineData("vae-deepsdf", null, 20, 0)]
    [InlineData("vae", null, 0, 70)]
    [InlineData("vae-deepsdf", null, 0, 100)]
    [InlineData("vae", 0.0, 20, 0)]
    public void PriorMatching_TakesTheKindsDefault_AndTheCheckpointRecordsTheWeightUsed(string kind, double? given, int components, double used)
    {
        var settings = new FieldModelConfig { Resolution = 8, Channels = 2, LatentSize = 2, HiddenWidth = 8, PriorMatching = given, PriorComponents = components };
        var model = FieldModels.Create(kind, settings, seed: 1);
        Assert.Equal(used, model.Settings.PriorMatching);
        string path = Path.Combine(_folder, $"{kind}.safetensors");
        SdfModels.Save(path, model);
        Assert.Equal(used, FieldModels.Load(path).Settings.PriorMatching);
    }

    [Fact]
    public void PlainStateDict_IsRefusedSayingWhatToDoInstead()
    {
        string path = Path.Combine(_folder, "plain.safetensors");
        TinyFieldModels.Create("vae").Module.SaveSafeTensors(path);
        var error = Assert.Throws<InvalidDataException>(() => SdfModels.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("SdfModels.Create", error.Message);
    }

    [Fact]
    public void UnknownKind_AndBadConfig_AreRefusedNamingTheFile()
    {
        var model = TinyFieldModels.Create("vae");
        string unknown = Path.Combine(_folder, "unknown.safetensors");
        Checkpoint.Save(unknown, model.Module, null, null, new ModelConfig("no-such-kind", "{}"));
        var error = Assert.Throws<InvalidDataException>(() => SdfModels.Load(unknown));
        Assert.Contains(unknown, error.Message);
        Assert.Contains("'no-such-kind'", error.Message);

        string bad = Path.Combine(_folder, "bad.safetensors");
        Checkpoint.Save(bad, model.Module, null, null, new ModelConfig("vae", "{\"latentSize\": \"many\"}"));
        error = Assert.Throws<InvalidDataException>(() => SdfModels.Load(bad));
        Assert.Contains(bad, error.Message);
        Assert.Contains("does not parse", error.Message);
    }

    [Fact]
    public void ConfigThatDoesNotFitTheWeights_IsRefusedNamingTheTensor()
    {
        var model = TinyFieldModels.Create("vae");
        string path = Path.Combine(_folder, "liar.safetensors");
        Checkpoint.Save(path, model.Module, null, null, ModelConfig.Of("vae", TinyFieldModels.Settings with { LatentSize = 4 }));
        var error = Assert.Throws<InvalidDataException>(() => SdfModels.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("does not fit", error.Message);
    }

    [Fact]
    public void PyTorchWrittenWeights_LoadIntoAModelBuiltFromAConfig()
    {
        var fixture = SafeTensorsFile.Load(RepositoryFiles.Find("SdfLearn.Tests/Nn/Serialization/Fixtures/torch_written.safetensors")).ReadAll<float>();
        var weights = fixture.Where(e => e.Key.StartsWith("ae.", StringComparison.Ordinal)).Select(e => KeyValuePair.Create(e.Key[3..], e.Value));
        string path = Path.Combine(_folder, "torch.safetensors");
        SafeTensorsWriter.Save(path, weights);
        var model = FieldModels.Create("ae-deepsdf", TinyFieldModels.Settings with { HiddenWidth = 16 }, seed: 0);
        Checkpoint.LoadModel(path, model.Module);
        Assert.Equal(fixture["ae.decoder.layers.0.weight"].ToArray(), model.Module.StateDict()["decoder.layers.0.weight"].ToArray());
    }
}
