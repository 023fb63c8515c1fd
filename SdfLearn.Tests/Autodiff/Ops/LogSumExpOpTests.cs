using SdfLearn.Autodiff;
using SdfLearn.Core;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class LogSumExpOpTests
{
    public static TheoryData<int[]> Shapes => new() { new[] { 1 }, new[] { 5 }, new[] { 3, 7 }, new[] { 2, 3, 4 } };

    /// <summary>Checked on the parameter and on an intermediate copy, and once added to an earlier gradient (the square's).</summary>
    [Theory, MemberData(nameof(Shapes))]
    public void Gradient_MatchesFiniteDifferences(int[] shape)
    {
        var x = UniformParameter(61, -3, 3, shape);
        Passes(tape => Ops.Add(WeightedSum(Ops.LogSumExp(tape.Watch(x))), WeightedSum(Ops.LogSumExp(Intermediate(tape, x)))), x);
        Passes(tape =>
        {
            var input = Intermediate(tape, x);
            var square = WeightedSum(Ops.Square(input));
            return Ops.Add(square, WeightedSum(Ops.LogSumExp(input)));
        }, x);
    }

    [Fact]
    public void Values_AreStable_ForLargeAndInfiniteInputs()
    {
        var tape = new Tape<double>();
        var x = tape.Constant(Tensor<double>.FromValues([1000, 1000, -1000, 0, Math.Log(2), Math.Log(3), double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity], 3, 3));
        var y = Ops.LogSumExp(x);
        Assert.Equal(new Shape(3), y.Shape);
        Assert.Equal(1000 + Math.Log(2), y.Value[0], 12);
        Assert.Equal(Math.Log(6), y.Value[1], 12);
        Assert.Equal(double.NegativeInfinity, y.Value[2]);
        Assert.Equal(0, Ops.LogSumExp(tape.Constant(Tensor<double>.FromValues([0], 1))).Shape.Rank);
    }

    [Fact]
    public void Backward_IsTheSoftmaxTimesTheGradient()
    {
        var tape = new Tape<double>();
        var x = tape.Input(Tensor<double>.FromValues([0, Math.Log(3)], 1, 2), requiresGrad: true);
        tape.Backward(Ops.Sum(Ops.Scale(Ops.LogSumExp(x), 2.0)));
        Assert.Equal([0.5, 1.5], x.Grad!.ToArray().Select(v => Math.Round(v, 12)));
    }
}
