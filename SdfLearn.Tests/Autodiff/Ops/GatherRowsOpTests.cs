using SdfLearn.Autodiff;
using SdfLearn.Core;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class GatherRowsOpTests
{
    [Theory]
    [InlineData(new[] { 2, 0, 4 })]
    [InlineData(new[] { 1, 3, 1, 1, 0 })] // repeated rows must receive the sum of their gradients
    [InlineData(new[] { 4 })]
    public void GradientCheck_IncludingRepeatedIndices(int[] indices)
    {
        var table = RandomParameter(61, 5, 3);
        Passes(tape => WeightedSum(Ops.GatherRows(tape.Watch(table), indices)), table);
    }

    [Fact]
    public void GradientCheck_ThroughADecoderLikeUse()
    {
        // An embedding row per shape, repeated beside its points and squared: the auto-decoder's path to the loss.
        var table = RandomParameter(62, 4, 2);
        var points = RandomParameter(63, 3 * 2, 2);
        Passes(tape =>
        {
            var latents = Ops.GatherRows(tape.Watch(table), [3, 0, 3]);
            var queries = Ops.Concat(1, Ops.RepeatRows(latents, 2), tape.Watch(points));
            return Ops.Add(WeightedSum(Ops.Tanh(queries)), Ops.Sum(Ops.Square(latents)));
        }, table, points);
    }

    [Fact]
    public void Values_Shapes_AndScatteredGradient()
    {
        var tape = new Tape<double>();
        var table = new Parameter<double>(Tensor<double>.FromValues([1, 2, 3, 4, 5, 6], 3, 2));
        var y = Ops.GatherRows(tape.Watch(table), [2, 0, 2]);
        Assert.Equal(new Shape(3, 2), y.Shape);
        Assert.Equal([5.0, 6, 1, 2, 5, 6], y.Value.ToArray());
        tape.Backward(Ops.Sum(y));
        Assert.Equal([1.0, 1, 0, 0, 2, 2], table.Grad.ToArray());
    }

    [Fact]
    public void HigherRankTables_GatherWholeSlices()
    {
        var tape = new Tape<double>();
        var table = tape.Constant(Tensor<double>.FromValues([0, 1, 2, 3, 4, 5, 6, 7], 2, 2, 2));
        var y = Ops.GatherRows(table, [1]);
        Assert.Equal(new Shape(1, 2, 2), y.Shape);
        Assert.Equal([4.0, 5, 6, 7], y.Value.ToArray());
    }

    [Fact]
    public void BadIndices_AreNamed()
    {
        var tape = new Tape<double>();
        var table = tape.Constant(new Tensor<double>(new Shape(3, 2)));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Ops.GatherRows(table, [0, 3]));
        Assert.Contains("index 1 is 3", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.GatherRows(table, [-1]));
        Assert.Throws<ArgumentException>(() => Ops.GatherRows(table, ReadOnlySpan<int>.Empty));
    }
}
