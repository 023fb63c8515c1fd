using SdfLearn.Autodiff;
using SdfLearn.Core;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class ShapeOpTests
{
    [Fact]
    public void Reshape_And_Flatten_Gradient_MatchesFiniteDifferences()
    {
        var x = RandomParameter(51, 2, 3, 2, 2);
        Passes(tape => WeightedSum(Ops.Reshape(tape.Watch(x), 4, -1)), x);
        Passes(tape => WeightedSum(Ops.Reshape(Intermediate(tape, x), 4, -1)), x);
        Passes(tape => WeightedSum(Ops.Exp(Ops.Flatten(tape.Watch(x)))), x);
    }

    [Theory]
    [InlineData(0, 1, 2)]
    [InlineData(1, 0, 3)]
    [InlineData(-1, 2, 3)]
    public void Slice_Gradient_MatchesFiniteDifferences(int axis, int start, int length)
    {
        var x = RandomParameter(52, 3, 4, 5);
        Passes(tape => WeightedSum(Ops.Slice(tape.Watch(x), axis, start, length)), x);
    }

    [Fact]
    public void Split_MuAndLogVarHalves_Gradient_MatchesFiniteDifferences()
    {
        var h = RandomParameter(53, 3, 6);
        Passes(tape =>
        {
            var halves = Ops.Split(tape.Watch(h), 1, 2);
            return WeightedSum(Ops.Mul(halves[0], Ops.Exp(halves[1])));
        }, h);
        var tape = new Tape<double>();
        var parts = Ops.Split(tape.Constant(Tensor<double>.FromValues([1, 2, 3, 4], 1, 4)), 1, 2);
        Assert.Equal([1.0, 2.0], parts[0].Value.ToArray());
        Assert.Equal([3.0, 4.0], parts[1].Value.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void Concat_Gradient_MatchesFiniteDifferences(int axis)
    {
        var a = RandomParameter(54, 3, 2);
        var b = RandomParameter(55, 3, 2);
        var c = RandomParameter(56, 3, 2);
        Passes(tape => WeightedSum(Ops.Concat(axis, Intermediate(tape, a), tape.Watch(b), Intermediate(tape, c))), a, b, c);
    }

    [Fact]
    public void Concat_DeepSdfInputAndSkip_Gradient_MatchesFiniteDifferences()
    {
        // [latent repeated per point, x, y] then a skip that concatenates the input again, as in the DeepSDF decoder.
        var latent = RandomParameter(57, 2, 3);
        var points = RandomParameter(58, 2 * 4, 2);
        var mixed = RandomParameter(59, 2 * 4, 5);
        Passes(tape =>
        {
            var input = Ops.Concat(1, Ops.RepeatRows(tape.Watch(latent), 4), tape.Watch(points));
            return WeightedSum(Ops.Concat(-1, Ops.Tanh(tape.Watch(mixed)), input));
        }, latent, points, mixed);
    }

    [Fact]
    public void Concat_Values()
    {
        var tape = new Tape<double>();
        var y = Ops.Concat(1, tape.Constant(Tensor<double>.FromValues([1, 2], 2, 1)), tape.Constant(Tensor<double>.FromValues([3, 4, 5, 6], 2, 2)));
        Assert.Equal([1.0, 3, 4, 2, 5, 6], y.Value.ToArray());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    public void RepeatRows_Gradient_MatchesFiniteDifferences(int rows, int count)
    {
        var z = RandomParameter(60, rows, 3);
        Passes(tape => WeightedSum(Ops.RepeatRows(tape.Watch(z), count)), z);
        Passes(tape => WeightedSum(Ops.RepeatRows(Intermediate(tape, z), count)), z);
    }

    [Fact]
    public void RepeatRows_RepeatsEachRowConsecutively()
    {
        var tape = new Tape<double>();
        var y = Ops.RepeatRows(tape.Constant(Tensor<double>.FromValues([1, 2, 3, 4], 2, 2)), 2);
        Assert.Equal(new Shape(4, 2), y.Shape);
        Assert.Equal([1.0, 2, 1, 2, 3, 4, 3, 4], y.Value.ToArray());
    }
}
