using SdfLearn.Core;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Schedules;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Training;
using SdfLearn.Tests.Nn.Training;

namespace SdfLearn.Tests.Sdf.Training.DemoKind;

/// <summary>
/// A kind registered from outside the library trains on 3D point sets with the general trainer, resumes bit for bit,
/// and its checkpoints rebuild it through the registry.
/// </summary>
public sealed class MlpSdfKindTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-demo-kind-").FullName;

    static MlpSdfKindTests() => SdfModels.Register(MlpSdf.Kind); // the one registration line

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Four spheres of different radii, 64 points each in [-1, 1]^3.</summary>
    private static PointSamples Spheres()
    {
        var coordinates = new Tensor<float>(new Shape(4, 64, 3));
        new SeededRandom(8).FillUniform(coordinates.Span, -1f, 1f);
        var values = new Tensor<float>(new Shape(4, 64));
        for (int n = 0; n < 4; n++)
            for (int p = 0; p < 64; p++)
            {
                float x = coordinates[n, p, 0], y = coordinates[n, p, 1], z = coordinates[n, p, 2];
                values.Span[n * 64 + p] = MathF.Sqrt(x * x + y * y + z * z) - (0.3f + 0.1f * n);
            }
        return new PointSamples(coordinates, values);
    }

    private static Trainer<PointBatch> Trainer(MlpSdf model, string? checkpoint = null, IProgress<TrainingProgress>? progress = null) =>
        new(model.Module, new PointSampleLoader(Spheres(), batchSize: 2, seed: 3, pointsPerShape: 32), null, model.Loss,
            new Adam<float>(model.Module.Parameters(), 1e-2),
            new TrainingOptions { Epochs = 20, Seed = 4, CheckpointPath = checkpoint, Model = model.Config, Schedule = new LinearWarmup(2, new CosineDecay()) }) { Progress = progress };

    private static float[] Weights(ISdfModel model) => model.Module.Parameters().SelectMany(p => p.Value.ToArray()).ToArray();

    [Fact]
    public void PointSetTraining_In3D_ResumesBitIdentically_AndTheCheckpointRebuildsTheModel()
    {
        var straight = new MlpSdf(new MlpSdfConfig(), seed: 1);
        var history = Trainer(straight).Run().History;
        Assert.True(history[^1].Train.Total < 0.5 * history[0].Train.Total, $"loss went from {history[0].Train} to {history[^1].Train}");

        string checkpoint = Path.Combine(_folder, "mlp.safetensors");
        using var cancel = new CancellationTokenSource();
        int steps = 0;
        var stopAfter17 = new Callback<TrainingProgress>(_ => { if (++steps == 17) cancel.Cancel(); }); // mid-epoch 9, in the cosine
        Assert.True(Trainer(new MlpSdf(new MlpSdfConfig(), seed: 1), checkpoint, stopAfter17).Run(cancel.Token).Interrupted);
        var resumed = new MlpSdf(new MlpSdfConfig(), seed: 1);
        Trainer(resumed, checkpoint).Run(resumeFrom: checkpoint);
        Assert.Equal(Weights(straight), Weights(resumed));

        var loaded = SdfModels.Load<MlpSdf>(checkpoint);
        Assert.Equal(resumed.Config, loaded.Config);
        Assert.Equal(Weights(resumed), Weights(loaded));
    }

    [Fact]
    public void SaveAndLoad_RoundTripsConfigAndWeights()
    {
        var model = new MlpSdf(new MlpSdfConfig(Dimensions: 2, HiddenWidth: 8), seed: 2);
        string path = Path.Combine(_folder, "mlp2d.safetensors");
        SdfModels.Save(path, model);
        var loaded = SdfModels.Load(path);
        var mlp = Assert.IsType<MlpSdf>(loaded);
        Assert.Equal(new MlpSdfConfig(Dimensions: 2, HiddenWidth: 8), loaded.Config.Read<MlpSdfConfig>("test"));
        Assert.Equal(2, mlp.Network.CoordinateDimension);
        Assert.Equal(Weights(model), Weights(loaded));
    }
}
