using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Elementwise;

/// <summary>The single-precision vector exponential against Math.Exp, over the whole normal range and at its edges.</summary>
public class VectorMathTests
{
    [Fact]
    public void FloatExp_IsWithinTwoUlpOverTheNormalRange()
    {
        var arguments = new List<float>();
        for (double x = -87.3; x <= 88.37; x += 0.0137) arguments.Add((float)x);
        arguments.AddRange([0f, -0f, 1e-30f, -1e-30f, 88.376f, -87.336f]);
        foreach (float x in arguments)
        {
            float actual = Exp(x);
            double expected = Math.Exp(x);
            Assert.True(Math.Abs(actual - expected) <= 2 * double.CreateTruncating(MathF.BitIncrement((float)expected) - (float)expected),
                $"exp({x}): expected {expected}, got {actual}");
        }
    }

    [Theory]
    [InlineData(88.4f, float.PositiveInfinity)]
    [InlineData(1e30f, float.PositiveInfinity)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(-87.4f, 0f)]
    [InlineData(-1e30f, 0f)]
    [InlineData(float.NegativeInfinity, 0f)]
    public void FloatExp_OverflowsToInfinityAndUnderflowsToZero(float x, float expected) => Assert.Equal(expected, Exp(x));

    [Fact]
    public void FloatExp_KeepsNaN() => Assert.True(float.IsNaN(Exp(float.NaN)));

    /// <summary>e^x through the vector path, every lane given the same argument (all lanes must agree).</summary>
    private static float Exp(float x)
    {
        var lanes = VectorMath.Exp(new Vector<float>(x));
        for (int i = 1; i < Vector<float>.Count; i++) Assert.Equal(lanes[0], lanes[i]);
        return lanes[0];
    }
}
