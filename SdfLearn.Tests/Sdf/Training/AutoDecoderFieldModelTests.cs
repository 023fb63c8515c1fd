using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;
using SdfLearn.Sdf.Training;
using SdfLearn.Tests.Nn.Training;

namespace SdfLearn.Tests.Sdf.Training;

public sealed class AutoDecoderFieldModelTests
{
    private const int Resolution = TinyFieldModels.Resolution;

    /// <summary>The tiny auto-decoder: S = 16, H = 16, L = 3, 48 points per field, one code per training disc.</summary>
    internal static AutoDecoderFieldModel Tiny(int shapeCount, LatentFittingOptions? fitting = null)
    {
        var settings = TinyFieldModels.Settings with { ShapeCount = shapeCount, PointsPerShape = 48 };
        return fitting is null ? new AutoDecoderFieldModel(settings, seed: 6) : new AutoDecoderFieldModel(settings, seed: 6) { Fitting = fitting };
    }

    internal static Trainer<SdfBatch> Trainer(AutoDecoderFieldModel model, SdfDataset train, SdfDataset? validation, int epochs) =>
        TinyFieldModels.Trainer(model, train, validation, epochs, learningRate: 1e-2);

    [Fact]
    public void Training_ReducesTheLoss_AndMovesEveryCode()
    {
        var train = TinyData.Discs(32, Resolution, seed: 1);
        var model = Tiny(train.Count);
        var initialCodes = model.Model.Latents.Value.ToArray();
        var result = Trainer(model, train, null, epochs: 16).Run();
        Assert.True(result.History[^1].Train["reconstruction"] < 0.5 * result.History[0].Train["reconstruction"],
            $"loss went from {result.History[0].Train} to {result.History[^1].Train}");
        Assert.True(result.History[^1].Train["prior"] > 0); // the prior term is reported
        var codes = model.Model.Latents.Value.ToArray();
        Assert.All(Enumerable.Range(0, codes.Length), i => Assert.NotEqual(initialCodes[i], codes[i]));
    }

    [Fact]
    public void Codes_StartAsDeepSdf_AndAreNamedInTheStateDict()
    {
        var model = Tiny(500);
        var codes = model.Model.Latents.Value.Span;
        double sumSquares = 0;
        foreach (float c in codes) sumSquares += c * c;
        Assert.InRange(Math.Sqrt(sumSquares / codes.Length), 0.009, 0.011);
        Assert.Equal(new Shape(500, 3), model.Module.StateDict()["latents"].Shape);
        Assert.Contains("decoder.layers.0.weight", model.Module.StateDict().Keys);
        Assert.Equal("autodecoder-deepsdf", model.Config.Kind);
    }

    [Fact]
    public void WithoutAShapeCount_IsRefusedSayingWhatToDo()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FieldModels.Create("autodecoder-deepsdf", TinyFieldModels.Settings, 1));
        Assert.Contains("ShapeCount", error.Message);
    }

    [Fact]
    public void TrainingLatents_AreTheLearntCodes_ForTheTrainingSet_AndFittedOtherwise()
    {
        var train = TinyData.Discs(8, Resolution, seed: 3);
        var model = Tiny(train.Count, new LatentFittingOptions { Steps = 5 });
        Assert.Equal(model.Model.Latents.Value.ToArray(), model.TrainingLatents(train).ToArray());

        var other = TinyData.Discs(3, Resolution, seed: 4);
        var fitted = model.TrainingLatents(other);
        Assert.Equal(new Shape(3, 3), fitted.Shape);
        Assert.Equal(model.Encode(other.Fields).ToArray(), fitted.ToArray());
    }

    [Fact]
    public void Loss_IsMsePlusWeightedMeanSquaredCodeNorm()
    {
        var train = TinyData.Discs(8, Resolution, seed: 3);
        var model = Tiny(train.Count);
        var batch = new SdfDataLoader(train, 4, seed: 1, shuffle: false, model.TrainingPoints).Epoch(0).First();
        var tape = new Tape<float>();
        var (loss, terms) = model.Loss(batch, tape, new LossContext(new SeededRandom(0), 0));
        double prior = 0;
        foreach (int index in batch.Indices)
            for (int k = 0; k < model.LatentSize; k++) prior += Math.Pow(model.Model.Latents.Value[index, k], 2);
        prior /= batch.Indices.Length;
        Assert.Equal(prior, terms["prior"], 1e-6);
        Assert.Equal(terms["reconstruction"] + 1e-4 * prior, terms.Total, 1e-6);
        tape.Backward(loss);
        // Only the batch's rows of the embedding receive a gradient.
        var grad = model.Model.Latents.Grad;
        for (int n = 0; n < train.Count; n++)
        {
            bool inBatch = batch.Indices.Contains(n);
            Assert.Equal(inBatch, Enumerable.Range(0, model.LatentSize).Any(k => grad[n, k] != 0));
        }
    }

    [Fact]
    public void Validation_FitsCodesForShapesItHasNotSeen()
    {
        var train = TinyData.Discs(16, Resolution, seed: 1);
        var validation = TinyData.Discs(24, Resolution, seed: 2); // more shapes than codes: indices beyond them are fine
        var model = Tiny(train.Count, new LatentFittingOptions { Steps = 20, LearningRate = 5e-2 });
        var result = Trainer(model, train, validation, epochs: 1).Run();
        var validationLoss = result.History[0].Validation!;
        Assert.True(validationLoss.IsFinite && validationLoss["reconstruction"] > 0);
    }

    [Fact]
    public void TrainingOnAnotherDataset_IsRefusedByIndex()
    {
        var model = Tiny(4);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Trainer(model, TinyData.Discs(8, Resolution, 1), null, epochs: 1).Run());
        Assert.Contains("outside the table's 4 rows", error.Message);
    }
}
