using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Losses;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Nn.Losses;

public class PriorMomentsTests
{
    [Fact]
    public void Value_IsTheSquaredDistanceOfMeanAndCovarianceFromTheStandardNormals()
    {
        // Codes (1, 0), (3, 0), (2, 3): mean (2, 1); covariance [[1, 0], [0, 3]] (unbiased).
        var tape = new Tape<double>();
        var codes = tape.Constant(Tensor<double>.FromValues([1, 0, 3, 0, 2, 3], 3, 2));
        double expected = (4 + 1) + (0 + 0 + 0 + 4);
        Assert.Equal(expected, PriorMoments.Mismatch(codes).Item(), 12);
    }

    [Fact]
    public void StandardNormalCodes_AreNearlyFree_ShiftedOrSqueezedOnesAreNot()
    {
        var tape = new Tape<double>();
        var draws = new Tensor<double>(new Shape(4000, 3));
        new SeededRandom(4).FillNormal(draws.Span, 0.0, 1.0);
        double free = PriorMoments.Mismatch(tape.Constant(draws)).Item();
        var shifted = Ops.Add(tape.Constant(draws), tape.Constant(Tensor<double>.Scalar(1.0)));
        Assert.True(free < 0.02, $"N(0, I) codes cost {free}");
        Assert.Equal(3, PriorMoments.Mismatch(shifted).Item(), 1);
        Assert.True(PriorMoments.Mismatch(Ops.Scale(tape.Constant(draws), 0.1)).Item() > 2.9);
    }

    [Fact]
    public void Gradient_PassesTheCheck()
    {
        var codes = RandomParameter(11, 5, 3);
        Passes(tape => PriorMoments.Mismatch(tape.Watch(codes)), codes);
    }

    [Fact]
    public void OneCode_IsRefused()
    {
        var tape = new Tape<double>();
        var error = Assert.Throws<ArgumentException>(() => PriorMoments.Mismatch(tape.Constant(Tensor<double>.Zeros(1, 4))));
        Assert.Contains("[B >= 2, L]", error.Message);
    }
}
