using SdfLearn.Autodiff;
using SdfLearn.Core;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class LinearOpTests
{
    [Theory]
    [InlineData(new[] { 1, 1 }, 1)]
    [InlineData(new[] { 5, 3 }, 4)]
    [InlineData(new[] { 2, 3, 4 }, 7)]
    public void Linear_WithBias_Gradient_MatchesFiniteDifferences(int[] inputShape, int outFeatures)
    {
        var x = RandomParameter(61, inputShape);
        var w = RandomParameter(62, outFeatures, inputShape[^1]);
        var b = RandomParameter(63, outFeatures);
        Passes(tape => WeightedSum(Ops.Linear(Intermediate(tape, x), tape.Watch(w), tape.Watch(b))), x, w, b);
    }

    /// <summary>
    /// One weight in two layers (weight tying): each use's weight gradient must add to the other's, which a single
    /// use cannot show (its gradient lands in a zeroed buffer, where adding and overwriting agree).
    /// </summary>
    [Fact]
    public void Linear_Grad_SharedWeightSumsBothUses()
    {
        var x = RandomParameter(66, 3, 4);
        var w = RandomParameter(67, 4, 4);
        Passes(tape =>
        {
            var weight = tape.Watch(w);
            return WeightedSum(Ops.Linear(Ops.Tanh(Ops.Linear(tape.Watch(x), weight)), weight));
        }, x, w);
    }

    [Fact]
    public void Linear_WithoutBias_Gradient_MatchesFiniteDifferences()
    {
        var x = RandomParameter(64, 4, 3);
        var w = RandomParameter(65, 2, 3);
        Passes(tape => WeightedSum(Ops.Linear(tape.Watch(x), tape.Watch(w))), x, w);
    }

    [Fact]
    public void Linear_MatchesPyTorchLayout()
    {
        var tape = new Tape<double>();
        var x = tape.Constant(Tensor<double>.FromValues([1, 2], 1, 2));
        var w = tape.Constant(Tensor<double>.FromValues([1, 0, 0, 1, 1, 1], 3, 2));
        var b = tape.Constant(Tensor<double>.FromValues([10, 20, 30], 3));
        Assert.Equal([11.0, 22, 33], Ops.Linear(x, w, b).Value.ToArray());
    }
}
