using SdfLearn.Autodiff;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class ElementwiseOpTests
{
    // Odd sizes, a rank-4 value, and 300 elements to cross the kernels' vector tails and 256-element chunks.
    public static TheoryData<int[]> Shapes => new() { new[] { 1 }, new[] { 7 }, new[] { 3, 5 }, new[] { 2, 3, 1, 5 }, new[] { 300 } };

    [Theory, MemberData(nameof(Shapes))]
    public void Exp_Grad(int[] shape) => UnaryPasses(Ops.Exp, RandomParameter(11, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Log_Grad(int[] shape) => UnaryPasses(Ops.Log, UniformParameter(12, 0.3, 3, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Square_Grad(int[] shape) => UnaryPasses(Ops.Square, RandomParameter(13, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Scale_Grad(int[] shape) => UnaryPasses(x => Ops.Scale(x, -2.5), RandomParameter(14, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Relu_Grad(int[] shape) => UnaryPasses(Ops.Relu, AwayFromZero(15, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void LeakyRelu_Grad(int[] shape) => UnaryPasses(x => Ops.LeakyRelu(x, 0.2), AwayFromZero(16, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void GeluTanh_Grad(int[] shape) => UnaryPasses(x => Ops.Gelu(x, GeluApproximation.Tanh), UniformParameter(17, -3, 3, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void GeluExact_Grad(int[] shape) => UnaryPasses(x => Ops.Gelu(x, GeluApproximation.Exact), UniformParameter(18, -4, 4, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Silu_Grad(int[] shape) => UnaryPasses(Ops.Silu, UniformParameter(19, -4, 4, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Tanh_Grad(int[] shape) => UnaryPasses(Ops.Tanh, UniformParameter(20, -2, 2, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Sigmoid_Grad(int[] shape) => UnaryPasses(Ops.Sigmoid, UniformParameter(21, -4, 4, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void Softplus_Grad(int[] shape) => UnaryPasses(Ops.Softplus, UniformParameter(22, -5, 5, shape));

    [Fact]
    public void LargeValues_SplitIntoThreadBlocks_MatchTheKernelOnTheWholeSpan()
    {
        var x = UniformParameter(25, -3, 3, 3, 33_335); // 100,005 elements: several blocks and a ragged last one
        var tape = new Tape<double>();
        var y = Ops.Gelu(tape.Watch(x));
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
