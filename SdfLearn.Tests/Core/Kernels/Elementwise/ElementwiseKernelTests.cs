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

    public static TheoryData<string> Kernels => new() { "Relu", "LeakyRelu", "GeluTanh", "GeluErf", "Silu", "Softplus", "Tanh", "Sigmoid" };

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
            new SeededRandom((ulong)length).FillUniform<T>(x, T.CreateTruncating(-5), T.CreateTruncating(5));
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
        T slope = T.CreateTruncating(0.1);
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
            _ => throw new ArgumentOutOfRangeException(nameof(kernel)),
        };
    }

    private static Backward<T> FromOutput<T>(Forward<T> forward, Backward<T> backwardFromOutput) => (x, gradY, gradX, accumulate) =>
    {
        var y = new T[x.Length];
        forward(x, y);
        backwardFromOutput(y, gradY, gradX, accumulate);
    };
}
