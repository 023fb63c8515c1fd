using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Schedules;
using SdfLearn.Nn.Serialization;
using SdfLearn.Nn.Training;

namespace SdfLearn.Tests.Nn.Training;

/// <summary>The general trainer on a non-SDF problem (<see cref="ToyRegression"/>): its contract, whatever the model and batches.</summary>
public sealed class TrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-trainer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly ModelConfig Toy = new("toy", "{}");

    private static TrainingOptions Options(int epochs, string? checkpoint = null, LearningRateSchedule? schedule = null) =>
        new() { Epochs = epochs, Seed = 11, CheckpointPath = checkpoint, Schedule = schedule ?? new ConstantRate(), Model = Toy };

    private static Trainer<(Tensor<float> X, Tensor<float> Y)> Trainer(Linear<float> model, TrainingOptions options,
        ToyRegression? data = null, ToyRegression? validation = null, IProgress<TrainingProgress>? progress = null) =>
        new(model, data ?? new ToyRegression(1), validation ?? new ToyRegression(2, batches: 2), ToyRegression.Loss(model),
            new Sgd<float>(model.Parameters(), 0.2, momentum: 0.9), options) { Progress = progress };

    private static float[] Weights(Module<float> model) => model.Parameters().SelectMany(p => p.Value.ToArray()).ToArray();

    [Fact]
    public void Training_ReducesTheLoss_AndReportsNamedTerms()
    {
        var result = Trainer(ToyRegression.Model(), Options(epochs: 8)).Run();
        Assert.Equal(8, result.History.Count);
        Assert.True(result.History[^1].Train.Total < 0.1 * result.History[0].Train.Total,
            $"loss went from {result.History[0].Train} to {result.History[^1].Train}");
        Assert.Equal(result.History[^1].Train.Total, result.History[^1].Train["mse"], 12);
        Assert.NotNull(result.History[^1].Validation);
    }

    [Fact]
    public void ResumeAtEpochBoundary_EqualsUninterruptedRun()
    {
        var straight = ToyRegression.Model();
        Trainer(straight, Options(epochs: 3)).Run();

        string checkpoint = Path.Combine(_folder, "boundary.safetensors");
        Trainer(ToyRegression.Model(), Options(epochs: 2, checkpoint)).Run();
        var resumed = ToyRegression.Model();
        var result = Trainer(resumed, Options(epochs: 3, checkpoint)).Run(resumeFrom: checkpoint);

        Assert.Equal(Weights(straight), Weights(resumed));
        Assert.Equal(3, result.History.Count);
    }

    [Fact]
    public void CancelMidEpoch_UnderASchedule_SavesAPositionThatResumesExactly()
    {
        var schedule = new LinearWarmup(4, new CosineDecay(0.1));
        var straight = ToyRegression.Model();
        var expected = Trainer(straight, Options(epochs: 2, schedule: schedule)).Run();

        string checkpoint = Path.Combine(_folder, "interrupted.safetensors");
        using var cancel = new CancellationTokenSource();
        int steps = 0;
        var progress = new Callback<TrainingProgress>(_ => { if (++steps == 8) cancel.Cancel(); }); // epoch 2, batch 2 of 6
        var interrupted = Trainer(ToyRegression.Model(), Options(epochs: 2, checkpoint, schedule), progress: progress).Run(cancel.Token);
        Assert.True(interrupted.Interrupted);
        var position = Checkpoint.ReadState(checkpoint);
        Assert.Equal((1, 2, 8L), (position.Epoch, position.Batch, position.Step));

        var resumed = ToyRegression.Model();
        var result = Trainer(resumed, Options(epochs: 2, checkpoint, schedule)).Run(resumeFrom: checkpoint);
        Assert.False(result.Interrupted);
        Assert.Equal(Weights(straight), Weights(resumed));
        Assert.Equal(expected.History[^1].Train, result.History[^1].Train);
    }

    [Fact]
    public void Schedule_SetsTheOptimizersRateEveryStep()
    {
        var model = ToyRegression.Model();
        var optimizer = new Sgd<float>(model.Parameters(), 0.1);
        var rates = new List<double>();
        var trainer = new Trainer<(Tensor<float> X, Tensor<float> Y)>(model, new ToyRegression(1, batches: 2), null, ToyRegression.Loss(model), optimizer,
            Options(epochs: 2, schedule: new StepDecay(StepSize: 2, Gamma: 0.5)))
        {
            Progress = new Callback<TrainingProgress>(_ => rates.Add(optimizer.LearningRate)),
        };
        trainer.Run();
        Assert.Equal([0.1, 0.1, 0.05, 0.05], rates);
    }

    [Fact]
    public void NonFiniteLoss_StopsWithAClearMessageAndKeepsTheLastGoodCheckpoint()
    {
        string checkpoint = Path.Combine(_folder, "good.safetensors");
        var model = ToyRegression.Model();
        Trainer(model, Options(epochs: 1, checkpoint)).Run();
        byte[] good = File.ReadAllBytes(checkpoint);

        var error = Assert.Throws<TrainingDivergedException>(() =>
            Trainer(model, Options(epochs: 2, checkpoint), data: new ToyRegression(1) { Poisoned = (1, 2) }).Run(resumeFrom: checkpoint));
        Assert.Contains("NaN", error.Message);
        Assert.Contains("epoch 2, batch 3", error.Message);
        Assert.Equal(good, File.ReadAllBytes(checkpoint));
        Assert.Equal([checkpoint], Directory.GetFiles(_folder)); // no temporary file left behind
    }

    [Fact]
    public void NaNValidationLoss_IsRecordedAndCheckpointed_WithoutThrowing()
    {
        string checkpoint = Path.Combine(_folder, "nan-validation.safetensors");
        var result = Trainer(ToyRegression.Model(), Options(epochs: 1, checkpoint), validation: new ToyRegression(2, batches: 2) { Poisoned = (0, 1) }).Run();
        Assert.True(double.IsNaN(result.History[0].Validation!.Total));
        Assert.True(double.IsNaN(Checkpoint.ReadState(checkpoint).History[0].Validation!.Total));
    }

    [Fact]
    public void ResumeIntoAnotherModel_IsRefusedNamingBoth()
    {
        string checkpoint = Path.Combine(_folder, "toy.safetensors");
        Trainer(ToyRegression.Model(), Options(epochs: 1, checkpoint)).Run();
        var error = Assert.Throws<InvalidDataException>(() =>
            Trainer(ToyRegression.Model(), Options(epochs: 2) with { Model = new ModelConfig("other", "{}") }).Run(resumeFrom: checkpoint));
        Assert.Contains("'toy'", error.Message);
        Assert.Contains("'other'", error.Message);
    }

    [Fact]
    public void TooLittleData_IsRefusedBeforeTraining()
    {
        var model = ToyRegression.Model();
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer(model, Options(1), data: new ToyRegression(1, batches: 0)));
    }
}
