using SdfLearn.Autodiff;
using SdfLearn.Core;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class ConvolutionOpTests
{
    [Theory]
    [InlineData(1, 0, 5, 5)]
    [InlineData(1, 1, 4, 5)]
    [InlineData(2, 1, 5, 6)]
    public void Conv2d_Gradient_MatchesFiniteDifferences(int stride, int padding, int height, int width)
    {
        var x = RandomParameter(71, 2, 2, height, width);
        var w = RandomParameter(72, 3, 2, 3, 3);
        var b = RandomParameter(73, 3);
        Passes(tape => WeightedSum(Ops.Conv2d(Intermediate(tape, x), tape.Watch(w), tape.Watch(b), stride, padding)), x, w, b);
    }

    [Fact]
    public void Conv2d_WithoutBias_Gradient_MatchesFiniteDifferences()
    {
        var x = RandomParameter(74, 1, 2, 4, 4);
        var w = RandomParameter(75, 2, 2, 3, 3);
        Passes(tape => WeightedSum(Ops.Conv2d(tape.Watch(x), tape.Watch(w), null, 2, 1)), x, w);
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(2, 1, 1)]
    [InlineData(2, 0, 1)]
    public void ConvTranspose2d_Gradient_MatchesFiniteDifferences(int stride, int padding, int outputPadding)
    {
        var x = RandomParameter(76, 2, 3, 3, 4);
        var w = RandomParameter(77, 3, 2, 3, 3);
        var b = RandomParameter(78, 2);
        Passes(tape => WeightedSum(Ops.ConvTranspose2d(Intermediate(tape, x), tape.Watch(w), tape.Watch(b), stride, padding, outputPadding)), x, w, b);
    }

    /// <summary>
    /// A residual block, x + conv(x), for both convolutions (stride 1, padding 1 keep the size): the convolution's
    /// input gradient must be added to the one the skip path already wrote, on an intermediate x (a recycled gradient
    /// buffer) and on the parameter itself; one image and several.
    /// </summary>
    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 3)]
    [InlineData(true, 1)]
    [InlineData(true, 3)]
    public void Convolution_Grad_ResidualAddsToTheSkipPathsGradient(bool transposed, int batch)
    {
        var x = RandomParameter(82, batch, 2, 5, 5);
        var w = RandomParameter(83, 2, 2, 3, 3);
        Variable<double> Residual(Variable<double> input, Variable<double> weight) => Ops.Add(
            transposed ? Ops.ConvTranspose2d(input, weight, null, 1, 1) : Ops.Conv2d(input, weight, null, 1, 1), input);
        Passes(tape =>
        {
            var input = Intermediate(tape, x);
            return Ops.Add(WeightedSum(Residual(input, tape.Watch(w))), WeightedSum(Residual(tape.Watch(x), tape.Watch(w))));
        }, x, w);
    }

    /// <summary>One kernel applied twice (shared weights): the weight gradients of both uses must add up.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Convolution_Grad_SharedWeightSumsBothUses(bool transposed)
    {
        var x = RandomParameter(86, 2, 2, 4, 4);
        var w = RandomParameter(87, 2, 2, 3, 3);
        Variable<double> Convolve(Variable<double> input, Variable<double> weight) =>
            transposed ? Ops.ConvTranspose2d(input, weight, null, 1, 1) : Ops.Conv2d(input, weight, null, 1, 1);
        Passes(tape =>
        {
            var weight = tape.Watch(w);
            return WeightedSum(Convolve(Ops.Tanh(Convolve(tape.Watch(x), weight)), weight));
        }, x, w);
    }

    [Fact]
    public void ConvTranspose2d_OutputSize_DoublesWithStrideTwoAndOutputPadding()
    {
        var tape = new Tape<double>();
        var x = tape.Constant(new Tensor<double>(new Shape(1, 4, 8, 8)));
        var w = tape.Constant(new Tensor<double>(new Shape(4, 2, 3, 3)));
        Assert.Equal(new Shape(1, 2, 16, 16), Ops.ConvTranspose2d(x, w, null, 2, 1, 1).Shape);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void ResidualConvolutions_AddTheirInputGradientToTheSkip(int batch)
    {
        // x feeds both the convolution and the sum, so the convolution's input gradient must add to the skip's.
        var x = RandomParameter(82, batch, 2, 4, 5);
        var w = RandomParameter(83, 2, 2, 3, 3);
        var b = RandomParameter(84, 2);
        Passes(tape =>
        {
            var input = Intermediate(tape, x);
            return WeightedSum(Ops.Add(Ops.Conv2d(input, tape.Watch(w), tape.Watch(b), 1, 1), input));
        }, x, w, b);
        Passes(tape =>
        {
            var input = Intermediate(tape, x);
            return WeightedSum(Ops.Add(input, Ops.ConvTranspose2d(input, tape.Watch(w), tape.Watch(b), 1, 1)));
        }, x, w, b);
    }

    [Fact]
    public void FrozenWeight_OnlyBiasGradientFlows()
    {
        var x = RandomParameter(79, 1, 2, 4, 4);
        var w = RandomParameter(80, 2, 2, 3, 3);
        var b = RandomParameter(81, 2);
        w.RequiresGrad = false;
        Passes(tape => WeightedSum(Ops.Conv2d(tape.Watch(x), tape.Watch(w), tape.Watch(b), 1, 1)), x, w, b);
        Passes(tape => WeightedSum(Ops.ConvTranspose2d(tape.Watch(x), tape.Watch(w), tape.Watch(b), 1, 1)), x, w, b);
    }
}
