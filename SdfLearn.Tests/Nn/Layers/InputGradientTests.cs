using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Tests.Autodiff;

namespace SdfLearn.Tests.Nn.Layers;

/// <summary>
/// Input gradients as recorded values (<see cref="Layer{T}.ForwardWithInputGradient"/>): first order, the tangents
/// against finite differences of the network's output and against the reverse-mode input gradient; second order, a loss
/// on the input gradient against finite differences of that loss (so of first-order gradients) for every parameter and
/// the input itself.
/// </summary>
public class InputGradientTests
{
    public static TheoryData<string> Activations => new() { "relu", "tanh", "gelu-tanh", "gelu-exact", "softplus", "sine", "fourier" };

    [Theory, MemberData(nameof(Activations))]
    public void InputGradient_MatchesFiniteDifferencesAndReverseMode(string activation)
    {
        var network = Mlp(activation);
        var x = GradientAssert.AwayFromZero(41, 6, 3).Value;
        InputGradientAssert.MatchesFiniteDifferences(network, x, start: 1, count: 2);
    }

    [Theory, MemberData(nameof(Activations))]
    public void LossOnInputGradient_PassesSecondOrderCheck(string activation)
    {
        var network = Mlp(activation);
        var x = GradientAssert.AwayFromZero(42, 6, 3);
        var parameters = network.NamedParameters().Append(KeyValuePair.Create("x", x));
        var result = GradientCheck.Run(tape => InputGradientAssert.GradientLoss(network.ForwardWithInputGradient(tape.Watch(x), 1, 2)), parameters);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(network.Parameters().Count() + 1, result.Tensors.Count);
    }

    [Fact]
    public void WrongSecondDerivative_IsCaught()
    {
        // tanh's derivative 1 - tanh^2 as a custom op whose backward forgets the factor 2 of d/dx(1 - tanh^2) = -2 tanh (1 - tanh^2):
        // the first-order input gradient is still right, only its own gradient is wrong.
        static Variable<double> WrongTanhDerivative(Variable<double> x)
        {
            var tape = x.Tape;
            var value = tape.Rent(x.Shape);
            for (int i = 0; i < value.Length; i++) value.Span[i] = 1 - Math.Pow(Math.Tanh(x.Value.Span[i]), 2);
            return tape.RecordOp(value, [x], gradient =>
            {
                var gx = x.GradAccumulator();
                for (int i = 0; i < gx.Length; i++) gx[i] += -Math.Tanh(x.Value.Span[i]) * value.Span[i] * gradient.Span[i];
            });
        }
        var network = Mlp("tanh");
        var x = GradientAssert.AwayFromZero(43, 6, 3);
        var wrongNetwork = new Sequential<double>(network.Layers.Select(layer => layer is Tanh<double> ? new WrongTanh(WrongTanhDerivative) : layer));
        Variable<double> Loss(Tape<double> tape, bool wrong) =>
            InputGradientAssert.GradientLoss((wrong ? wrongNetwork : network).ForwardWithInputGradient(tape.Watch(x), 1, 2));

        var right = GradientCheck.Run(tape => Loss(tape, wrong: false), network.NamedParameters());
        var wrong = GradientCheck.Run(tape => Loss(tape, wrong: true), network.NamedParameters());

        Assert.True(right.Passed, right.ToString());
        Assert.False(wrong.Passed, wrong.ToString());
        // Caught in the layers before a tanh, whose parameters move the tanh's input; the output layer's gradient does not
        // involve the second derivative and still passes.
        foreach (var report in wrong.Tensors)
            Assert.True(report.Name.StartsWith("4.", StringComparison.Ordinal) ? report.Passed : report.MaxRelativeError > 1e-2, report.ToString());
    }

    [Fact]
    public void LayerWithoutTangents_SaysSo()
    {
        var tape = new Tape<double>();
        var x = tape.Constant(new Tensor<double>(new Shape(2, 3)));
        var error = Assert.Throws<NotSupportedException>(() => new Sigmoid<double>().ForwardWithInputGradient(x, 0, 3));
        Assert.Contains("Sigmoid", error.Message);
    }

    private sealed class WrongTanh(Func<Variable<double>, Variable<double>> derivative) : Layer<double>
    {
        public override Variable<double> Forward(Variable<double> x) => Ops.Tanh(x);

        public override (Variable<double> Output, Pullback<double> Pullback) ForwardWithPullback(Variable<double> x) =>
            (Ops.Tanh(x), g => Ops.Mul(g, derivative(x)));
    }

    /// <summary>
    /// A 3 → 5 → 4 → 1 network with the named activation between its linear layers; "sine" is SIREN's (two sine layers
    /// and a linear one), "fourier" a Fourier-feature encoding before softplus layers.
    /// </summary>
    internal static Sequential<double> Mlp(string activation)
    {
        var random = new SeededRandom(40);
        if (activation == "sine")
            return new Sequential<double>(new Sine<double>(3, 5, random, isFirst: true, omega0: 3), new Sine<double>(5, 4, random, omega0: 3),
                new Linear<double>(4, 1, random));
        if (activation == "fourier")
            return new Sequential<double>(new FourierFeatures<double>(3, 3, 0.3, random), new Linear<double>(6, 4, random),
                new Softplus<double>(3.0, 20.0), new Linear<double>(4, 1, random));
        Layer<double> Activation() => activation switch
        {
            "relu" => new Relu<double>(),
            "tanh" => new Tanh<double>(),
            "gelu-tanh" => new Gelu<double>(GeluApproximation.Tanh),
            "gelu-exact" => new Gelu<double>(GeluApproximation.Exact),
            "softplus" => new Softplus<double>(3.0, 20.0),
            _ => throw new ArgumentException(activation),
        };
        return new Sequential<double>(new Linear<double>(3, 5, random), Activation(), new Linear<double>(5, 4, random), Activation(),
            new Linear<double>(4, 1, random));
    }
}
