namespace SdfLearn.Tests.Core.Kernels.Convolution;

/// <summary>Compares a kernel's result with a double-precision oracle, relative to the oracle's largest magnitude.</summary>
internal static class Tolerance
{
    /// <summary>Relative error allowed in float: sums of a few hundred products lose about 1e-6.</summary>
    public const double Float = 1e-4;

    /// <summary>Relative error allowed in double.</summary>
    public const double Double = 1e-10;

    public static double For<T>() => typeof(T) == typeof(float) ? Float : Double;

    /// <summary>Element-wise a + b: the oracle for an accumulating call.</summary>
    public static double[] Sum(double[] a, double[] b) => a.Zip(b, (x, y) => x + y).ToArray();

    /// <summary>Asserts max |actual - expected| &lt;= tolerance * max |expected| (or tolerance, for an all-zero oracle).</summary>
    public static void AssertClose<T>(double[] expected, T[] actual, string what) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 0, worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(expected[i]));
            double error = Math.Abs(double.CreateChecked(actual[i]) - expected[i]);
            if (error > worst) (worst, worstIndex) = (error, i);
        }
        double relative = scale > 0 ? worst / scale : worst;
        Assert.True(relative <= For<T>(),
            $"{what}: relative error {relative:E2} at element {worstIndex}, allowed {For<T>():E0}.");
    }
}
