using SdfLearn.Autodiff;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class ElementwiseOpTests
{
    // Odd sizes, a rank-4 value, and 300 elements to cross the kernels' vector tails and 256-element chunks.
    public static TheoryData<int[]> Shapes => new() { new[] { 1 }, new[] { 7 }, new[] { 3, 5 }, new[] { 2, 3, 1, 5 }, new[] { 300 } };

    [Theory, MemberData(nameof(Shapes))]
    public void Exp_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(Ops.Exp, RandomParameter(11, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Log_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(Ops.Log, UniformParameter(12, 0.3, 3, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Square_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(Ops.Square, RandomParameter(13, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Scale_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(x => Ops.Scale(x, -2.5), RandomParameter(14, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Relu_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(Ops.Relu, AwayFromZero(15, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void LeakyRelu_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(x => Ops.LeakyRelu(x, 0.2), AwayFromZero(16, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void GeluTanh_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(x => Ops.Gelu(x, GeluApproximation.Tanh), UniformParameter(17, -3, 3, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void GeluExact_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(x => Ops.Gelu(x, GeluApproximation.Exact), UniformParameter(18, -4, 4, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Silu_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(Ops.Silu, UniformParameter(19, -4, 4, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Tanh_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(Ops.Tanh, UniformParameter(20, -2, 2, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Sigmoid_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(Ops.Sigmoid, UniformParameter(21, -4, 4, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Softplus_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(Ops.Softplus, UniformParameter(22, -5, 5, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Abs_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(Ops.Abs, AwayFromZero(41, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Sqrt_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(Ops.Sqrt, UniformParameter(42, 0.3, 3, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Pow_Gradient_MatchesFiniteDifferences(int[] shape)
    {
        var positive = UniformParameter(43, 0.3, 2, shape);
        foreach (double exponent in new[] { -1.0, -1.5, 0.5, 2.7, 0 })
            UnaryPasses(x => Ops.Pow(x, exponent), positive);
        UnaryPasses(x => Ops.Pow(x, 3.0), RandomParameter(44, shape)); // an integer power of negative numbers too
    }

    [Theory, MemberData(nameof(Shapes))]
    public void Clamp_Gradient_MatchesFiniteDifferences(int[] shape) =>
        UnaryPasses(x => Ops.Clamp(x, -0.5, 0.7), AwayFrom(45, [-0.5, 0.7], shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Sin_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(Ops.Sin, UniformParameter(46, -4, 4, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Cos_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(Ops.Cos, UniformParameter(47, -4, 4, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void SoftplusBetaThreshold_Gradient_MatchesFiniteDifferences(int[] shape)
    {
        // beta x > threshold (x > 1.5) is the identity; the seam itself, where PyTorch's form jumps by log1p(e^-3) / 2, is avoided.
        UnaryPasses(x => Ops.Softplus(x, 2.0, 3.0), AwayFrom(48, [1.5], shape));
        UnaryPasses(x => Ops.Softplus(x, 0.5, double.PositiveInfinity), UniformParameter(49, -5, 5, shape));
    }

    [Fact]
    public void Softplus_WithBetaAndThreshold_MatchesPyTorchsDefinition()
    {
        var tape = new Tape<double>();
        var x = tape.Constant(SdfLearn.Core.Tensor<double>.FromValues([-3, 0, 1, 1.4, 1.6, 800], 6));
        var y = Ops.Softplus(x, 2.0, 3.0).Value.ToArray();
        double[] expected = [Math.Log(1 + Math.Exp(-6)) / 2, Math.Log(2) / 2, Math.Log(1 + Math.Exp(2)) / 2, Math.Log(1 + Math.Exp(2.8)) / 2, 1.6, 800];
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], y[i], 14);
        Assert.Equal(Ops.Softplus(x).Value.ToArray(), Ops.Softplus(x, 1.0, double.PositiveInfinity).Value.ToArray());
        Assert.Throws<ArgumentException>(() => Ops.Softplus(x, 0.0, 20.0));
    }

    [Fact]
    public void Clamp_Bounds_PassTheGradient_AndBadBoundsThrow()
    {
        var p = new Parameter<double>(SdfLearn.Core.Tensor<double>.FromValues([-2, -1, 0, 1, 2], 5));
        var tape = new Tape<double>();
        var y = Ops.Clamp(tape.Watch(p), -1.0, 1.0);
        Assert.Equal([-1.0, -1, 0, 1, 1], y.Value.ToArray());
        tape.Backward(Ops.Sum(y));
        Assert.Equal([0.0, 1, 1, 1, 0], p.Grad.ToArray());
        Assert.Throws<ArgumentException>(() => Ops.Clamp(tape.Constant(p.Value), 1.0, -1.0));
        Assert.Throws<ArgumentException>(() => Ops.Clamp(tape.Constant(p.Value), double.NaN, 1.0));
    }

    [Fact]
    public void Abs_AtZero_HasGradientZero()
    {
        var p = new Parameter<double>(SdfLearn.Core.Tensor<double>.FromValues([-2, 0, 3], 3));
        var tape = new Tape<double>();
        tape.Backward(Ops.Sum(Ops.Abs(tape.Watch(p))));
        Assert.Equal([-1.0, 0, 1], p.Grad.ToArray());
    }

    [Fact]
    public void LargeValues_SplitIntoThreadBlocks_MatchTheKernelOnTheWholeSpan()
    {
        var x = UniformParameter(25, -3, 3, 3, 33_335); // 100,005 elements: several blocks and a ragged last one
        var tape = new Tape<double>();
        var y = Ops.Gelu(tape.Watch(x), GeluApproximation.Tanh);
        var gradY = RandomParameter(26, 3, 33_335).Value;
        tape.Backward(Ops.Sum(Ops.Mul(y, tape.Constant(gradY))));

        var expected = new double[x.Value.Length];
        SdfLearn.Core.Kernels.GeluTanhKernel.Forward<double>(x.Value.Span, expected);
        Assert.Equal(expected, y.Value.ToArray());
        var expectedGrad = new double[x.Value.Length];
        SdfLearn.Core.Kernels.GeluTanhKernel.Backward<double>(x.Value.Span, gradY.Span, expectedGrad);
        Assert.Equal(expectedGrad, x.Grad.ToArray());
    }

    [Fact]
    public void OperatorSugar_Grad_MatchesOps()
    {
        var a = RandomParameter(23, 2, 3);
        var b = UniformParameter(24, 0.5, 2, 2, 3);
        Passes(tape =>
        {
            var x = tape.Watch(a);
            var y = tape.Watch(b);
            return WeightedSum((x + y) * x - y / x * 2.0 + (-x));
        }, a, b);
    }
}
