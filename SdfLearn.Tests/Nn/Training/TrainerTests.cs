using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Training;

namespace SdfLearn.Tests.Nn.Training;

public sealed class TrainerTests : IDisposable
{
    private const int Resolution = 16;
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-trainer-").FullName;
    private readonly SdfDataset _train = TinyData.Discs(48, Resolution, seed: 1);
    private readonly SdfDataset _validation = TinyData.Discs(16, Resolution, seed: 2);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TrainableVae TinyVae() =>
        new(Vae<float>.CreateReference(new SeededRandom(5), latentSize: 3, imageSize: Resolution, channels: 4), Resolution, new KlSchedule(1, 1));

    private static TrainableDeepSdfAutoencoder TinyAutoencoder() =>
        new(DeepSdfAutoencoder<float>.CreateReference(new SeededRandom(6), latentSize: 3, imageSize: Resolution, channels: 4, hiddenWidth: 16),
            Resolution, new QueryPointOptions { PointsPerShape = 24 });

    private TrainingOptions Options(int epochs, string? checkpoint = null) =>
        new() { Epochs = epochs, BatchSize = 8, LearningRate = 3e-3, Seed = 11, CheckpointPath = checkpoint };

    private static float[] Weights(ITrainableSdfModel model) => model.Module.Parameters().SelectMany(p => p.Value.ToArray()).ToArray();

    [Fact]
    public void Training_ReducesTheLoss()
    {
        var model = TinyAutoencoder();
        var result = new Trainer(model, _train, _validation, Options(epochs: 4)).Run();
        Assert.Equal(4, result.History.Count);
        Assert.True(result.History[^1].Train.Total < 0.5 * result.History[0].Train.Total,
            $"loss went from {result.History[0].Train.Total} to {result.History[^1].Train.Total}");
        Assert.NotNull(result.History[^1].Validation);
    }

    [Fact]
    public void SameSeed_GivesBitIdenticalWeights()
    {
        var a = TinyVae();
        var b = TinyVae();
        new Trainer(a, _train, _validation, Options(epochs: 2)).Run();
        new Trainer(b, _train, _validation, Options(epochs: 2)).Run();
        Assert.Equal(Weights(a), Weights(b));
    }

    [Fact]
    public void ResumeAtEpochBoundary_EqualsUninterruptedRun()
    {
        var straight = TinyVae();
        new Trainer(straight, _train, _validation, Options(epochs: 3)).Run();

        string checkpoint = Path.Combine(_folder, "boundary.safetensors");
        new Trainer(TinyVae(), _train, _validation, Options(epochs: 2, checkpoint)).Run();
        var resumed = TinyVae();
        var result = new Trainer(resumed, _train, _validation, Options(epochs: 3, checkpoint)).Run(resumeFrom: checkpoint);

        Assert.Equal(Weights(straight), Weights(resumed));
        Assert.Equal(3, result.History.Count);
    }

    [Fact]
    public void CancelMidEpoch_SavesAPositionThatResumesExactly()
    {
        var straight = TinyAutoencoder();
        var expected = new Trainer(straight, _train, _validation, Options(epochs: 2)).Run();

        string checkpoint = Path.Combine(_folder, "interrupted.safetensors");
        using var cancel = new CancellationTokenSource();
        int steps = 0;
        var first = new Trainer(TinyAutoencoder(), _train, _validation, Options(epochs: 2, checkpoint))
        {
            Progress = new Callback<TrainingProgress>(_ => { if (++steps == 8) cancel.Cancel(); }), // epoch 2, batch 2 of 6
        };
        var interrupted = first.Run(cancel.Token);
        Assert.True(interrupted.Interrupted);
        var position = Checkpoint.ReadState(checkpoint);
        Assert.Equal((1, 2, 8L), (position.Epoch, position.Batch, position.Step));

        var resumed = TinyAutoencoder();
        var result = new Trainer(resumed, _train, _validation, Options(epochs: 2, checkpoint)).Run(resumeFrom: checkpoint);
        Assert.False(result.Interrupted);
        Assert.Equal(Weights(straight), Weights(resumed));
        Assert.Equal(expected.History[^1].Train, result.History[^1].Train);
    }

    [Fact]
    public void NonFiniteLoss_StopsWithAClearMessageAndKeepsTheLastGoodCheckpoint()
    {
        string checkpoint = Path.Combine(_folder, "good.safetensors");
        var model = TinyVae();
        new Trainer(model, _train, _validation, Options(epochs: 1, checkpoint)).Run();
        byte[] good = File.ReadAllBytes(checkpoint);

        model.Module.Parameters().First().Value.Span[0] = float.NaN;
        var error = Assert.Throws<TrainingDivergedException>(() => new Trainer(model, _train, _validation, Options(epochs: 2, checkpoint)).Run());
        Assert.Contains("NaN", error.Message);
        Assert.Contains("epoch 1, batch 1", error.Message);
        Assert.Equal(good, File.ReadAllBytes(checkpoint));
        Assert.Equal([checkpoint], Directory.GetFiles(_folder)); // no temporary file left behind
    }

    [Fact]
    public void ResumeIntoAnotherKindOfModel_IsRefusedByName()
    {
        string checkpoint = Path.Combine(_folder, "vae.safetensors");
        new Trainer(TinyVae(), _train, _validation, Options(epochs: 1, checkpoint)).Run();
        var error = Assert.Throws<InvalidDataException>(() =>
            new Trainer(TinyAutoencoder(), _train, _validation, Options(epochs: 2)).Run(resumeFrom: checkpoint));
        Assert.Contains("'vae'", error.Message);
        Assert.Contains("ae-deepsdf", error.Message);
    }

    [Fact]
    public void MismatchedResolution_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Trainer(TinyVae(), TinyData.Discs(16, 8, 3), null, Options(1)));
        Assert.Contains("8x8", error.Message);
    }

    private sealed class Callback<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
