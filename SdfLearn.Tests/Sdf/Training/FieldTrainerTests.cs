using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Data;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Training;
using SdfLearn.Tests.Nn.Training;

namespace SdfLearn.Tests.Sdf.Training;

/// <summary>The SDF field models through the general trainer: no special case inside it, exact resume, refusals by name.</summary>
public sealed class FieldTrainerTests : IDisposable
{
    private const int Resolution = TinyFieldModels.Resolution;
    private readonly string _folder = Directory.CreateTempSubdirectory("sdflearn-field-trainer-").FullName;
    private readonly SdfDataset _train = TinyData.Discs(48, Resolution, seed: 1);
    private readonly SdfDataset _validation = TinyData.Discs(16, Resolution, seed: 2);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static float[] Weights(ISdfModel model) => model.Module.Parameters().SelectMany(p => p.Value.ToArray()).ToArray();

    [Fact]
    public void Autoencoder_Training_ReducesTheLoss()
    {
        var model = FieldModels.Create("ae-deepsdf", TinyFieldModels.Settings with { UniformFraction = 0.5f }, seed: 6);
        var result = TinyFieldModels.Trainer(model, _train, _validation, epochs: 8, learningRate: 1e-2).Run();
        Assert.True(result.History[^1].Train.Total < 0.5 * result.History[0].Train.Total,
            $"loss went from {result.History[0].Train} to {result.History[^1].Train}");
        Assert.NotNull(result.History[^1].Validation);
    }

    [Fact]
    public void Vae_ResumeAtEpochBoundary_EqualsUninterruptedRun()
    {
        var straight = TinyFieldModels.Create("vae");
        var straightResult = TinyFieldModels.Trainer(straight, _train, _validation, epochs: 3).Run();

        string checkpoint = Path.Combine(_folder, "boundary.safetensors");
        TinyFieldModels.Trainer(TinyFieldModels.Create("vae"), _train, _validation, epochs: 2, checkpoint).Run();
        var resumed = TinyFieldModels.Create("vae");
        var result = TinyFieldModels.Trainer(resumed, _train, _validation, epochs: 3, checkpoint).Run(resumeFrom: checkpoint);

        Assert.Equal(Weights(straight), Weights(resumed));
        Assert.Equal(straightResult.History, result.History.Select((r, i) => r with { Seconds = straightResult.History[i].Seconds }));
        Assert.True(result.History[0].Train["kl"] > 0);
    }

    [Fact]
    public void VaeLoss_TakesTheKlWeightFromTheContext_WithoutChangingTheModel()
    {
        var model = (VaeFieldModel)TinyFieldModels.Create("vae"); // KL warm-up over 1 epoch
        var batch = new SdfDataLoader(_train, 4, seed: 1, shuffle: false).Epoch(0).First();
        var (_, terms) = model.Loss(batch, new Tape<float>(), new LossContext(new SeededRandom(2), Epochs: 0.25));
        double expected = terms["reconstruction"] + 0.25 * terms["kl"] + model.Model.PriorMatching * terms["prior_moments"];
        Assert.True(Math.Abs(expected - terms.Total) <= 1e-5 * Math.Abs(expected), $"total {terms.Total}, expected {expected}");
        Assert.True(terms["kl"] > 0);
        Assert.Equal(1.0, model.Model.Beta);
    }

    [Fact]
    public void DeepSdfVae_CancelMidEpoch_ResumesExactly()
    {
        var straight = TinyFieldModels.Create("vae-deepsdf");
        TinyFieldModels.Trainer(straight, _train, _validation, epochs: 2).Run();

        string checkpoint = Path.Combine(_folder, "interrupted.safetensors");
        using var cancel = new CancellationTokenSource();
        int steps = 0;
        var interrupted = TinyFieldModels.Trainer(TinyFieldModels.Create("vae-deepsdf"), _train, _validation, epochs: 2, checkpoint,
            progress: new Callback<TrainingProgress>(_ => { if (++steps == 8) cancel.Cancel(); })).Run(cancel.Token);
        Assert.True(interrupted.Interrupted);

        var resumed = TinyFieldModels.Create("vae-deepsdf");
        TinyFieldModels.Trainer(resumed, _train, _validation, epochs: 2, checkpoint).Run(resumeFrom: checkpoint);
        Assert.Equal(Weights(straight), Weights(resumed));
    }

    [Fact]
    public void ResumeIntoAnotherKindOfModel_IsRefusedByName()
    {
        string checkpoint = Path.Combine(_folder, "vae.safetensors");
        TinyFieldModels.Trainer(TinyFieldModels.Create("vae"), _train, _validation, epochs: 1, checkpoint).Run();
        var error = Assert.Throws<InvalidDataException>(() =>
            TinyFieldModels.Trainer(TinyFieldModels.Create("ae-deepsdf"), _train, _validation, epochs: 2).Run(resumeFrom: checkpoint));
        Assert.Contains("'vae'", error.Message);
        Assert.Contains("'ae-deepsdf'", error.Message);
    }

    [Fact]
    public void MismatchedResolution_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => TinyFieldModels.Trainer(TinyFieldModels.Create("vae"), TinyData.Discs(16, 8, 3), null, 1));
        Assert.Contains("8x8", error.Message);
    }
}
