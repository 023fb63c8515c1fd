using SdfLearn.Core;
using SdfLearn.Core.Kernels;
using Erf = MathNet.Numerics.SpecialFunctions;

namespace SdfLearn.Tests.Core.Kernels.Elementwise;

/// <summary>
/// Every element-wise kernel against a scalar double reference, in float and double, on lengths that exercise the
/// vector body, the scalar tail and the 256-element chunks; backward kernels must add to what is already there when
/// accumulating, and ignore it (here NaN) when overwriting.
/// </summary>
public class ElementwiseKernelTests
{
    private delegate void Forward<T>(ReadOnlySpan<T> x, Span<T> y);
    private delegate void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate);

    private static readonly int[] Lengths = [0, 1, 3, 8, 17, 255, 256, 257, 1000];
    private static readonly double C = Math.Sqrt(2 / Math.PI);

    private static double GeluTanh(double x) => 0.5 * x * (1 + Math.Tanh(C * (x + 0.044715 * x * x * x)));
    private static double GeluTanhSlope(double x)
    {
        double t = Math.Tanh(C * (x + 0.044715 * x * x * x));
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * C * (1 + 3 * 0.044715 * x * x);
    }
    private static double Phi(double x) => 0.5 * (1 + Erf.Erf(x / Math.Sqrt(2)));
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    public static TheoryData<string> Kernels => new() { "Relu", "LeakyRelu", "GeluTanh", "GeluErf", "Silu", "Softplus", "Tanh", "Sigmoid",
        "SoftplusBeta", "Abs", "Clamp", "Sin", "Cos", "Sqrt", "Pow", "TanhDerivative", "SoftplusDerivative", "SoftplusBetaDerivative" };

    /// <summary>Kernels defined only for positive inputs, checked on [0.1, 5) instead of [-5, 5).</summary>
    private static readonly string[] PositiveDomain = ["Sqrt", "Pow"];

    [Theory, MemberData(nameof(Kernels))]
    public void Double_MatchesScalarReference(string kernel) => Check<double>(kernel, 1e-13);

    [Theory, MemberData(nameof(Kernels))]
    public void Float_MatchesScalarReference(string kernel) => Check<float>(kernel, 3e-6);

    [Fact]
    public void Erf_MatchesMathNet_ToDoublePrecision()
    {
        for (double x = -7; x <= 7; x += 0.01)
            Assert.True(Math.Abs(Erf.Erf(x) - ErfKernel.Evaluate(x)) <= 2e-15, $"erf({x})");
        Assert.Equal(1.0, ErfKernel.Evaluate(double.PositiveInfinity));
        Assert.True(double.IsNaN(ErfKernel.Evaluate(double.NaN)));
    }

    [Fact]
    public void Softplus_IsStableAtExtremes()
    {
        var y = new double[3];
        SoftplusKernel.Forward<double>([800, -800, 0], y);
        Assert.Equal(800, y[0]);
        Assert.Equal(0, y[1]);
        Assert.Equal(Math.Log(2), y[2], 15);
    }

    [Fact]
    public void MaximumMinimumAndWhere_MatchScalarReference_TiesGoToTheFirstOperand()
    {
        foreach (int length in Lengths)
        {
            var a = new double[length];
            var b = new double[length];
            var g = new double[length];
            new SeededRandom((ulong)length).FillUniform<double>(a, -1, 1);
            new SeededRandom((ulong)length + 1).FillUniform<double>(b, -1, 1);
            new SeededRandom((ulong)length + 2).FillUniform<double>(g, -1, 1);
            for (int i = 0; i < length; i += 3) b[i] = a[i]; // ties
            var condition = a.Select(v => v > 0 ? 1.0 : 0.0).ToArray();
            foreach (bool maximum in new[] { true, false })
            {
                var y = new double[length];
                var (ga, gb) = (Enumerable.Repeat(0.5, length).ToArray(), Enumerable.Repeat(-0.5, length).ToArray());
                ExtremumKernel.Forward<double>(a, b, y, maximum);
                ExtremumKernel.Backward<double>(a, b, g, ga, gb, maximum);
                for (int i = 0; i < length; i++)
                {
                    bool first = maximum ? a[i] >= b[i] : a[i] <= b[i];
                    Assert.Equal(maximum ? Math.Max(a[i], b[i]) : Math.Min(a[i], b[i]), y[i]);
                    Assert.Equal(0.5 + (first ? g[i] : 0), ga[i]);
                    Assert.Equal(-0.5 + (first ? 0 : g[i]), gb[i]);
                }
            }
            var selected = new double[length];
            var (wa, wb) = (new double[length], new double[length]);
            WhereKernel.Forward<double>(condition, a, b, selected);
            WhereKernel.Backward<double>(condition, g, wa, wb);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(condition[i] != 0 ? a[i] : b[i], selected[i]);
                Assert.Equal(condition[i] != 0 ? g[i] : 0, wa[i]);
                Assert.Equal(condition[i] != 0 ? 0 : g[i], wb[i]);
            }
        }
    }

    [Fact]
    public void ReluStep_IsOneExactlyWherePositive_OnEveryLength()
    {
        foreach (int length in Lengths)
        {
            var x = new float[length];
            new SeededRandom((ulong)length).FillUniform<float>(x, -1, 1);
            float[] specials = [0f, -0f, float.NaN, float.Epsilon, -float.Epsilon, float.PositiveInfinity, float.NegativeInfinity];
            for (int i = 0; i < length; i++)
                if (i % 5 == 0) x[i] = specials[i / 5 % specials.Length];
            var step = new float[length];
            ReluKernel.Step<float>(x, step);
            Assert.Equal(x.Select(v => v > 0 ? 1f : 0f), step);
        }
        Assert.Throws<ArgumentException>(() => ReluKernel.Step<float>(new float[4], new float[5]));
    }

    [Fact]
    public void LengthMismatch_NamesBothLengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => GeluTanhKernel.Forward<float>(new float[4], new float[3]));
        Assert.Contains("3", ex.Message);
        Assert.Contains("4", ex.Message);
        Assert.Throws<ArgumentException>(() => ReluKernel.Backward<float>(new float[4], new float[4], new float[5]));
    }

    private static void Check<T>(string kernel, double tolerance) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (forward, backward, reference, slope) = Select<T>(kernel);
        foreach (int length in Lengths)
        {
            var x = new T[length];
            new SeededRandom((ulong)length).FillUniform<T>(x, T.CreateTruncating(PositiveDomain.Contains(kernel) ? 0.1 : -5), T.CreateTruncating(5));
            var gradY = new T[length];
            new SeededRandom((ulong)length + 1).FillUniform<T>(gradY, -T.One, T.One);
            var y = new T[length];
            var added = Enumerable.Repeat(T.CreateTruncating(0.25), length).ToArray();
            var overwritten = Enumerable.Repeat(T.NaN, length).ToArray();
            forward(x, y);
            backward(x, gradY, added, accumulate: true);
            backward(x, gradY, overwritten, accumulate: false);
            for (int i = 0; i < length; i++)
            {
                double xi = double.CreateTruncating(x[i]);
                AssertClose(reference(xi), double.CreateTruncating(y[i]), tolerance, $"{kernel} forward, length {length}, x = {xi}");
                double expected = slope(xi) * double.CreateTruncating(gradY[i]);
                AssertClose(0.25 + expected, double.CreateTruncating(added[i]), tolerance, $"{kernel} backward, length {length}, x = {xi}");
                AssertClose(expected, double.CreateTruncating(overwritten[i]), tolerance, $"{kernel} overwriting backward, length {length}, x = {xi}");
            }
        }
    }

    private static void AssertClose(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    /// <summary>The kernel under test; Tanh and Sigmoid take their derivative from the forward output.</summary>
    private static (Forward<T>, Backward<T>, Func<double, double>, Func<double, double>) Select<T>(string kernel)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T slope = T.CreateTruncating(0.1), two = T.CreateTruncating(2), four = T.CreateTruncating(4), power = T.CreateTruncating(-1.5);
        return kernel switch
        {
            "Relu" => (ReluKernel.Forward, ReluKernel.Backward, x => Math.Max(x, 0), x => x > 0 ? 1 : 0),
            "LeakyRelu" => ((x, y) => LeakyReluKernel.Forward(x, slope, y), (x, g, gx, add) => LeakyReluKernel.Backward(x, slope, g, gx, add),
                x => x > 0 ? x : 0.1 * x, x => x > 0 ? 1 : 0.1),
            "GeluTanh" => (GeluTanhKernel.Forward, GeluTanhKernel.Backward, GeluTanh, GeluTanhSlope),
            "GeluErf" => (GeluErfKernel.Forward, GeluErfKernel.Backward,
                x => x * Phi(x), x => Phi(x) + x * Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI)),
            "Silu" => (SiluKernel.Forward, SiluKernel.Backward, x => x * Sigmoid(x), x => Sigmoid(x) * (1 + x * (1 - Sigmoid(x)))),
            "Softplus" => (SoftplusKernel.Forward, SoftplusKernel.Backward, x => Math.Log(1 + Math.Exp(x)), Sigmoid),
            "Tanh" => (TanhKernel.Forward, FromOutput<T>(TanhKernel.Forward, TanhKernel.Backward), Math.Tanh, x => 1 - Math.Tanh(x) * Math.Tanh(x)),
            "Sigmoid" => (SigmoidKernel.Forward, FromOutput<T>(SigmoidKernel.Forward, SigmoidKernel.Backward), Sigmoid, x => Sigmoid(x) * (1 - Sigmoid(x))),
            "SoftplusBeta" => ((x, y) => SoftplusKernel.Forward(x, two, four, y), (x, g, gx, add) => SoftplusKernel.Backward(x, two, four, g, gx, add),
                x => 2 * x > 4 ? x : Math.Log(1 + Math.Exp(2 * x)) / 2, x => 2 * x > 4 ? 1 : Sigmoid(2 * x)),
            "Abs" => (AbsKernel.Forward, AbsKernel.Backward, Math.Abs, x => Math.Sign(x)),
            "Clamp" => ((x, y) => ClampKernel.Forward(x, -two, four, y), (x, g, gx, add) => ClampKernel.Backward(x, -two, four, g, gx, add),
                x => Math.Clamp(x, -2, 4), x => x >= -2 && x <= 4 ? 1 : 0),
            "Sin" => (SinKernel.Forward, SinKernel.Backward, Math.Sin, Math.Cos),
            "Cos" => (CosKernel.Forward, CosKernel.Backward, Math.Cos, x => -Math.Sin(x)),
            "Sqrt" => (SqrtKernel.Forward, FromOutput<T>(SqrtKernel.Forward, SqrtKernel.Backward), Math.Sqrt, x => 0.5 / Math.Sqrt(x)),
            "Pow" => ((x, y) => PowKernel.Forward(x, power, y), (x, g, gx, add) => PowKernel.Backward(x, power, g, gx, add),
                x => Math.Pow(x, -1.5), x => -1.5 * Math.Pow(x, -2.5)),
            "TanhDerivative" => (TanhKernel.Derivative, WithSlope<T>(TanhKernel.Derivative, TanhKernel.DerivativeBackward),
                x => 1 - Math.Tanh(x) * Math.Tanh(x), x => -2 * Math.Tanh(x) * (1 - Math.Tanh(x) * Math.Tanh(x))),
            "SoftplusDerivative" => ((x, y) => SoftplusKernel.Derivative(x, T.One, T.PositiveInfinity, y),
                WithSlope<T>((x, y) => SoftplusKernel.Derivative(x, T.One, T.PositiveInfinity, y),
                    (x, s, g, gx, add) => SoftplusKernel.DerivativeBackward(x, T.One, T.PositiveInfinity, s, g, gx, add)),
                Sigmoid, x => Sigmoid(x) * (1 - Sigmoid(x))),
            "SoftplusBetaDerivative" => ((x, y) => SoftplusKernel.Derivative(x, two, four, y),
                WithSlope<T>((x, y) => SoftplusKernel.Derivative(x, two, four, y),
                    (x, s, g, gx, add) => SoftplusKernel.DerivativeBackward(x, two, four, s, g, gx, add)),
                x => 2 * x > 4 ? 1 : Sigmoid(2 * x), x => 2 * x > 4 ? 0 : 2 * Sigmoid(2 * x) * (1 - Sigmoid(2 * x))),
            _ => throw new ArgumentOutOfRangeException(nameof(kernel)),
        };
    }

    /// <summary>The backward of a derivative kernel, which reads both its input and its output (the slope).</summary>
    private delegate void SlopeBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> slope, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate);

    private static Backward<T> WithSlope<T>(Forward<T> derivative, SlopeBackward<T> backward) => (x, gradY, gradX, accumulate) =>
    {
        var slope = new T[x.Length];
        derivative(x, slope);
        backward(x, slope, gradY, gradX, accumulate);
    };

    private static Backward<T> FromOutput<T>(Forward<T> forward, Backward<T> backwardFromOutput) => (x, gradY, gradX, accumulate) =>
    {
        var y = new T[x.Length];
        forward(x, y);
        backwardFromOutput(y, gradY, gradX, accumulate);
    };
}
