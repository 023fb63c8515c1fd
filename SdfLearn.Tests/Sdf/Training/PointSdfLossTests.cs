using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Training;

namespace SdfLearn.Tests.Sdf.Training;

public sealed class PointSdfLossTests
{
    [Fact]
    public void MeanSquaredError_IsTheMeanOverEveryPointOfEveryShape_AndReachesTheWeights()
    {
        // Two shapes of three 2D points; the model is f(x, y) = 2x - y + 0.5.
        float[] coordinates = [0, 0, 1, 0, 0, 1, 1, 1, -1, 0, 0, -1];
        float[] values = [0, 1, 2, 3, 4, 5];
        var data = new PointSamples(Tensor<float>.FromValues(coordinates, 2, 3, 2), Tensor<float>.FromValues(values, 2, 3));
        var model = new Linear<float>(2, 1, new SeededRandom(1));
        model.Weight.Value.Span[0] = 2;
        model.Weight.Value.Span[1] = -1;
        model.Bias!.Value.Span[0] = 0.5f;
        double expected = 0;
        for (int p = 0; p < 6; p++)
            expected += Math.Pow(2 * coordinates[2 * p] - coordinates[2 * p + 1] + 0.5 - values[p], 2) / 6;

        var batch = new PointSampleLoader(data, batchSize: 2, seed: 1, shuffle: false).Epoch(0).Single();
        var tape = new Tape<float>();
        var (loss, terms) = PointSdfLoss.MeanSquaredError(model)(batch, tape, new LossContext(new SeededRandom(0), 0));
        Assert.Equal(expected, terms.Total, 5);
        Assert.Equal(terms.Total, loss.Item());
        Assert.Empty(terms.Names);

        tape.Backward(loss);
        Assert.Equal(2 * Enumerable.Range(0, 6).Sum(p => 2 * coordinates[2 * p] - coordinates[2 * p + 1] + 0.5 - values[p]) / 6,
            model.Bias!.Grad.Span[0], 4);
    }
}
