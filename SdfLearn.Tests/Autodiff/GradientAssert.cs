using SdfLearn.Autodiff;
using SdfLearn.Core;

namespace SdfLearn.Tests.Autodiff;

/// <summary>Helpers for gradient-check tests in double precision.</summary>
internal static class GradientAssert
{
    /// <summary>A parameter of the given shape, uniform in [low, high).</summary>
    public static Parameter<double> UniformParameter(ulong seed, double low, double high, params int[] dims)
    {
        var value = new Tensor<double>(new Shape(dims));
        new SeededRandom(seed).FillUniform(value.Span, low, high);
        return new Parameter<double>(value);
    }

    /// <summary>A parameter uniform in [-1, 1).</summary>
    public static Parameter<double> RandomParameter(ulong seed, params int[] dims) => UniformParameter(seed, -1, 1, dims);

    /// <summary>
    /// A parameter whose elements lie in [0.2, 1.2) with random signs, i.e. at least 0.2 away from 0 (for kinks).
    /// </summary>
    public static Parameter<double> AwayFromZero(ulong seed, params int[] dims)
    {
        var p = UniformParameter(seed, 0.2, 1.2, dims);
        var random = new SeededRandom(seed + 1000);
        var span = p.Value.Span;
        for (int i = 0; i < span.Length; i++) if (random.NextDouble() < 0.5) span[i] = -span[i];
        return p;
    }

    /// <summary>
    /// A parameter uniform in [-1.5, 1.5) whose elements lie at least 0.05 away from each of <paramref name="kinks"/>
    /// (elements closer are moved 0.1 past it), for ops with kinks or seams at known points.
    /// </summary>
    public static Parameter<double> AwayFrom(ulong seed, double[] kinks, params int[] dims)
    {
        var p = UniformParameter(seed, -1.5, 1.5, dims);
        var span = p.Value.Span;
        for (int i = 0; i < span.Length; i++)
            foreach (double kink in kinks)
                if (Math.Abs(span[i] - kink) < 0.05) span[i] = kink + (span[i] < kink ? -0.1 : 0.1);
        return p;
    }

    /// <summary>
    /// <c>sum(y * w)</c> with fixed random weights w, so every output element receives a different gradient and a
    /// backward that mixes them up is caught.
    /// </summary>
    public static Variable<double> WeightedSum(Variable<double> y)
    {
        var weights = new Tensor<double>(y.Shape);
        new SeededRandom(7).FillUniform(weights.Span, -1.0, 1.0);
        return Ops.Sum(Ops.Mul(y, y.Tape.Constant(weights)));
    }

    /// <summary>Asserts that the gradients of <paramref name="parameters"/> pass a strict double-precision check.</summary>
    public static GradientCheckResult Passes(Func<Tape<double>, Variable<double>> buildLoss, params Parameter<double>[] parameters)
    {
        var result = GradientCheck.Run(buildLoss, parameters);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(parameters.Count(p => p.RequiresGrad), result.Tensors.Count);
        return result;
    }

    /// <summary>
    /// The parameter as an intermediate value (times 1), so the op under test is the first to write its gradient
    /// buffer (a recycled one) rather than adding into the parameter's.
    /// </summary>
    public static Variable<double> Intermediate(Tape<double> tape, Parameter<double> p) => Ops.Scale(tape.Watch(p), 1.0);

    /// <summary>Checks an element-wise op applied to the parameter itself and to an intermediate copy of it.</summary>
    public static void UnaryPasses(Func<Variable<double>, Variable<double>> op, Parameter<double> x) =>
        Passes(tape => Ops.Add(WeightedSum(op(tape.Watch(x))), WeightedSum(op(Intermediate(tape, x)))), x);
}
