using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Evaluation;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Training;
using SdfLearn.Tests.Sdf.Training;
using SdfLearn.Tests.Nn.Training;

namespace SdfLearn.Tests.Sdf.Evaluation;

/// <summary>A tiny auto-decoder trained once on discs, shared by the fitting tests.</summary>
public sealed class TrainedDiscDecoder
{
    public TrainedDiscDecoder()
    {
        var train = TinyData.Discs(32, 16, seed: 1);
        var model = AutoDecoderFieldModelTests.Tiny(train.Count);
        AutoDecoderFieldModelTests.Trainer(model, train, null, epochs: 60).Run();
        Decoder = model.Model.Decoder;
    }

    public DeepSdfDecoder<float> Decoder { get; }
}

public sealed class LatentFittingTests(TrainedDiscDecoder trained) : IClassFixture<TrainedDiscDecoder>
{
    private static readonly SdfDataset HeldOut = TinyData.Discs(4, 16, seed: 99);

    private double Error(Tensor<float> latents) =>
        SdfMetrics.MeanSquaredError(DeepSdfRenderer.Render(trained.Decoder, latents, 16), HeldOut.Fields);

    private static LatentFittingOptions Options(double fraction = 1, int? pointsPerStep = null, double? clamp = null) =>
        new() { Steps = 60, LearningRate = 5e-2, PointFraction = fraction, PointsPerStep = pointsPerStep, ClampDistance = clamp };

    [Theory]
    [InlineData(1.0, null, null)]
    [InlineData(0.2, null, null)]
    [InlineData(1.0, 24, null)] // a fresh tenth of the pixels in each step
    [InlineData(0.2, null, 0.1)]
    public void FittedCodes_RecoverHeldOutDiscs_BetterThanTheZeroCode(double fraction, int? pointsPerStep, double? clamp)
    {
        var fitted = LatentFitting.FitToFields(trained.Decoder, HeldOut.Fields, Options(fraction, pointsPerStep, clamp));
        double zero = Error(new Tensor<float>(new Shape(HeldOut.Count, 3)));
        double error = Error(fitted);
        Assert.True(error < 0.2 * zero, $"fitted MSE {error} vs zero-code MSE {zero}");
    }

    [Fact]
    public void Clamp_BoundsEachPointsError()
    {
        var tape = new Tape<float>();
        var codes = tape.Constant(new Tensor<float>(new Shape(HeldOut.Count, 3)));
        var (points, values) = LatentFitting.ObservedPoints(HeldOut.Fields, 1, seed: 0);
        float Reconstruction(double? clamp) =>
            LatentFitting.Objective(tape, trained.Decoder, codes, tape.Constant(points), tape.Constant(values), 0, clamp).Reconstruction.Item();
        float plain = Reconstruction(null), loose = Reconstruction(10), tight = Reconstruction(0.01);
        Assert.Equal(plain, loose, 1e-7f); // no value reaches 10: the clamp changes nothing
        Assert.InRange(tight, 1e-9f, 4 * 0.01f * 0.01f);
        Assert.True(tight < plain);
    }

    [Fact]
    public void Batching_DoesNotChangeAShapesCode()
    {
        var together = LatentFitting.FitToFields(trained.Decoder, HeldOut.Fields, Options(0.2, pointsPerStep: 16) with { ShapesPerBatch = 4 });
        var alone = LatentFitting.FitToFields(trained.Decoder, HeldOut.Fields, Options(0.2, pointsPerStep: 16) with { ShapesPerBatch = 1 });
        for (int i = 0; i < together.Length; i++) Assert.Equal(alone.Span[i], together.Span[i], 1e-3f);
    }

    [Fact]
    public void Fitting_LeavesTheDecoderAsItWas()
    {
        var parameters = trained.Decoder.Parameters().ToList();
        var before = parameters.SelectMany(p => p.Value.ToArray()).ToArray();
        parameters[1].RequiresGrad = false; // a flag set by the caller survives too
        LatentFitting.FitToFields(trained.Decoder, HeldOut.Fields, Options() with { Steps = 3 });
        Assert.Equal(before, parameters.SelectMany(p => p.Value.ToArray()).ToArray());
        Assert.Equal(parameters.Select((_, i) => i != 1), parameters.Select(p => p.RequiresGrad));
        parameters[1].RequiresGrad = true;
    }

    [Fact]
    public void ObservedPoints_AreDistinctPixelsWithTheirValues()
    {
        var (points, values) = LatentFitting.ObservedPoints(HeldOut.Fields, 0.2, seed: 5);
        Assert.Equal(new Shape(4, 51, 2), points.Shape); // round(0.2 * 256)
        Assert.Equal(new Shape(4, 51, 1), values.Shape);
        for (int n = 0; n < 4; n++)
        {
            var seen = new HashSet<(float, float)>();
            for (int k = 0; k < 51; k++)
            {
                float row = points[n, k, 0], column = points[n, k, 1];
                Assert.True(seen.Add((row, column)));
                int i = (int)MathF.Round((row + 0.5f) * 16), j = (int)MathF.Round((column + 0.5f) * 16);
                Assert.Equal(HeldOut.Field(n)[i * 16 + j], values[n, k, 0]);
            }
        }
        var (all, _) = LatentFitting.ObservedPoints(HeldOut.Fields, 1, seed: 5);
        Assert.Equal(256, all.Shape[1]);
    }

    [Fact]
    public void BadInput_IsNamed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentFitting.ObservedPoints(HeldOut.Fields, 0, 0));
        Assert.Throws<ShapeMismatchException>(() =>
            LatentFitting.Fit(trained.Decoder, new Tensor<float>(new Shape(2, 5, 3)), new Tensor<float>(new Shape(2, 5, 1))));
        Assert.Throws<ShapeMismatchException>(() =>
            LatentFitting.Fit(trained.Decoder, new Tensor<float>(new Shape(2, 5, 2)), new Tensor<float>(new Shape(2, 4, 1))));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentFitting.FitToFields(trained.Decoder, HeldOut.Fields, new LatentFittingOptions { Steps = 0 }));
    }
}
