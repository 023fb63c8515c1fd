using SdfLearn.Autodiff;
using SdfLearn.Core;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

/// <summary>
/// The activations' derivatives as ops: their values against finite differences of the activation, and their backward
/// (the activation's second derivative) against finite differences of their values.
/// </summary>
public class DerivativeOpTests
{
    public static TheoryData<int[]> Shapes => new() { new[] { 7 }, new[] { 3, 5 }, new[] { 300 } };

    /// <summary>Shapes for the two-operand ReLU backward, one of them longer than an element-wise block.</summary>
    public static TheoryData<int[]> ReluBackwardShapes => new() { new[] { 7 }, new[] { 300 }, new[] { 2, 20_000 } };

    [Theory, MemberData(nameof(Shapes))]
    public void TanhDerivative_Gradient_MatchesFiniteDifferences(int[] shape) => UnaryPasses(Ops.TanhDerivative, UniformParameter(31, -2.5, 2.5, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void GeluTanhDerivative_Gradient_MatchesFiniteDifferences(int[] shape) =>
        UnaryPasses(x => Ops.GeluDerivative(x, GeluApproximation.Tanh), UniformParameter(32, -3, 3, shape));

    [Theory, MemberData(nameof(Shapes))]
    public void GeluExactDerivative_Gradient_MatchesFiniteDifferences(int[] shape) =>
        UnaryPasses(x => Ops.GeluDerivative(x, GeluApproximation.Exact), UniformParameter(33, -4, 4, shape));

    /// <summary>β = 3 and threshold 2: inputs in ±1.5 reach both sides of β x = 2, none within 0.02 of it.</summary>
    [Theory, MemberData(nameof(Shapes))]
    public void SoftplusDerivative_Gradient_MatchesFiniteDifferences(int[] shape)
    {
        var x = UniformParameter(37, -1.5, 1.5, shape);
        foreach (ref double v in x.Value.Span) if (Math.Abs(3 * v - 2) < 0.06) v += 0.1;
        UnaryPasses(v => Ops.SoftplusDerivative(v, 3.0, 2.0), x);
    }

    [Theory, MemberData(nameof(Shapes))]
    public void Transpose_Gradient_MatchesFiniteDifferences(int[] shape)
    {
        var x = RandomParameter(34, shape.Length == 2 ? shape : [shape[0], 1]);
        Passes(tape => Ops.Add(WeightedSum(Ops.Transpose(tape.Watch(x))), WeightedSum(Ops.Transpose(Intermediate(tape, x)))), x);
    }

    [Fact]
    public void Transpose_SwapsRowsAndColumns()
    {
        var tape = new Tape<double>();
        var y = Ops.Transpose(tape.Constant(Tensor<double>.FromValues([1.0, 2, 3, 4, 5, 6], 2, 3)));
        Assert.Equal(new Shape(3, 2), y.Shape);
        Assert.Equal([1.0, 4, 2, 5, 3, 6], y.Value.ToArray());
    }

    public static TheoryData<string> Activations => new() { "tanh", "gelu-tanh", "gelu-exact", "relu", "softplus" };

    [Theory, MemberData(nameof(Activations))]
    public void DerivativeValues_MatchFiniteDifferencesOfTheActivation(string name)
    {
        var (activation, derivative) = ActivationAndDerivative(name);
        var x = AwayFromZero(35, 41).Value;
        var tape = new Tape<double>();
        var slope = derivative(tape.Constant(x)).Value.ToArray();
        const double h = 1e-6;
        for (int i = 0; i < x.Length; i++)
        {
            double At(double offset) => activation(tape.Constant(Tensor<double>.FromValues([x.Span[i] + offset], 1))).Item();
            Assert.Equal((At(h) - At(-h)) / (2 * h), slope[i], 1e-8);
        }
    }

    private static (Func<Variable<double>, Variable<double>> Activation, Func<Variable<double>, Variable<double>> Derivative) ActivationAndDerivative(string name) =>
        name switch
        {
            "tanh" => (Ops.Tanh, Ops.TanhDerivative),
            "gelu-tanh" => (x => Ops.Gelu(x, GeluApproximation.Tanh), x => Ops.GeluDerivative(x, GeluApproximation.Tanh)),
            "gelu-exact" => (x => Ops.Gelu(x, GeluApproximation.Exact), x => Ops.GeluDerivative(x, GeluApproximation.Exact)),
            "softplus" => (x => Ops.Softplus(x, 3.0, 2.0), x => Ops.SoftplusDerivative(x, 3.0, 2.0)),
            _ => (Ops.Relu, Ops.ReluDerivative),
        };

    /// <summary>
    /// Both operands as parameters and as intermediates: the gradient's derivative is the mask, x's zero (x is at least
    /// 0.2 from the kink). [300] and [2, 20000] run on one and on two blocks of the element-wise split.
    /// </summary>
    [Theory, MemberData(nameof(ReluBackwardShapes))]
    public void ReluBackward_Gradient_MatchesFiniteDifferences(int[] shape)
    {
        var (g, x) = (RandomParameter(38, shape), AwayFromZero(39, shape));
        Passes(tape => Ops.Add(WeightedSum(Ops.ReluBackward(tape.Watch(g), tape.Watch(x))),
            WeightedSum(Ops.ReluBackward(Intermediate(tape, g), Intermediate(tape, x)))), g, x);
    }

    /// <summary>
    /// Against <c>Mul(g, ReluDerivative(x))</c> on every length up to 40 and on 70,000 elements (three blocks of the
    /// split), x with zeros, −0, NaN and infinities: equal, except that masked elements are +0 where the product is −0.
    /// </summary>
    [Fact]
    public void ReluBackward_IsTheGradientTimesReluDerivative()
    {
        float[] special = [0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e-40f, -1e-40f];
        foreach (int length in Enumerable.Range(1, 40).Append(70_000))
        {
            var random = new SeededRandom((ulong)length);
            var (g, x) = (new Tensor<float>(new Shape(length)), new Tensor<float>(new Shape(length)));
            random.FillUniform(g.Span, -1f, 1f);
            random.FillUniform(x.Span, -1f, 1f);
            for (int i = 0; i < length; i += 3) x.Span[i] = special[i % special.Length];
            var tape = new Tape<float>();
            var expected = Ops.Mul(tape.Constant(g), Ops.ReluDerivative(tape.Constant(x))).Value.ToArray().Select(v => v == 0 ? 0f : v);
            Assert.Equal(expected, Ops.ReluBackward(tape.Constant(g), tape.Constant(x)).Value.ToArray());
        }
    }

    [Fact]
    public void ReluBackward_ShapesThatDiffer_Throw()
    {
        var tape = new Tape<double>();
        Assert.Throws<ShapeMismatchException>(() => Ops.ReluBackward(tape.Constant(Tensor<double>.Zeros(3, 2)), tape.Constant(Tensor<double>.Zeros(2, 3))));
    }

    [Fact]
    public void ReluDerivative_IsAConstantStep()
    {
        var x = AwayFromZero(36, 9);
        var tape = new Tape<double>();
        var step = Ops.ReluDerivative(tape.Watch(x));
        Assert.False(step.RequiresGrad);
        Assert.Equal(x.Value.ToArray().Select(v => v > 0 ? 1.0 : 0.0), step.Value.ToArray());
    }
}
