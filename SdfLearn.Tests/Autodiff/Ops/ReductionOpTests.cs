using SdfLearn.Autodiff;
using SdfLearn.Core;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class ReductionOpTests
{
    public static TheoryData<int[]> Shapes => new() { new[] { 1 }, new[] { 5 }, new[] { 3, 7 }, new[] { 2, 3, 5 } };

    [Theory, MemberData(nameof(Shapes))]
    public void Sum_Gradient_MatchesFiniteDifferences(int[] shape)
    {
        var x = RandomParameter(41, shape);
        Passes(tape => Ops.Add(Ops.Square(Ops.Sum(tape.Watch(x))), Ops.Square(Ops.Sum(Intermediate(tape, x)))), x);
    }

    [Theory, MemberData(nameof(Shapes))]
    public void Mean_Gradient_MatchesFiniteDifferences(int[] shape)
    {
        var x = RandomParameter(42, shape);
        Passes(tape => Ops.Add(Ops.Square(Ops.Mean(tape.Watch(x))), Ops.Square(Ops.Mean(Intermediate(tape, x)))), x);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(-1, false)]
    [InlineData(1, true)]
    public void SumAndMean_PerAxis_Gradient_MatchesFiniteDifferences(int axis, bool keepDims)
    {
        var x = RandomParameter(43, 2, 3, 5);
        Passes(tape => WeightedSum(Ops.Sum(tape.Watch(x), axis, keepDims)), x);
        Passes(tape => WeightedSum(Ops.Mean(Intermediate(tape, x), axis, keepDims)), x);
    }

    /// <summary>
    /// x feeds a per-axis reduction and, recorded after it, a square: the square's gradient reaches x first, so the
    /// reduction's backward must add to it (a backward that overwrote would pass the checks above, where it comes first).
    /// </summary>
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void SumAndMean_PerAxis_Grad_AddsToAnEarlierGradient(int axis, bool keepDims)
    {
        var x = RandomParameter(44, 2, 3, 5);
        Passes(tape =>
        {
            var input = Intermediate(tape, x);
            var sum = WeightedSum(Ops.Sum(input, axis, keepDims));
            var mean = WeightedSum(Ops.Mean(input, axis, keepDims));
            return Ops.Add(Ops.Add(sum, mean), WeightedSum(Ops.Square(input)));
        }, x);
    }

    [Fact]
    public void PerAxis_Values_And_Shapes()
    {
        var tape = new Tape<double>();
        var x = tape.Constant(Tensor<double>.FromValues([1, 2, 3, 4, 5, 6], 2, 3));
        var rows = Ops.Sum(x, 1);
        Assert.Equal(new Shape(2), rows.Shape);
        Assert.Equal([6.0, 15.0], rows.Value.ToArray());
        var columns = Ops.Mean(x, 0, keepDims: true);
        Assert.Equal(new Shape(1, 3), columns.Shape);
        Assert.Equal([2.5, 3.5, 4.5], columns.Value.ToArray());
        Assert.Equal(21.0, Ops.Sum(x).Item());
        Assert.Equal(0, Ops.Sum(x).Shape.Rank);
    }
}
