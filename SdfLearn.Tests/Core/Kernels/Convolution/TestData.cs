using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

/// <summary>Random tensors held twice: in the kernel's type T, and exactly the same values widened to double for the oracle.</summary>
internal sealed class TestData<T>(int length, SeededRandom random) where T : unmanaged, IFloatingPointIeee754<T>
{
    public T[] Values { get; } = Draw(length, random);

    public double[] Exact => Array.ConvertAll(Values, double.CreateChecked);

    private static T[] Draw(int length, SeededRandom random)
    {
        var values = new T[length];
        random.FillUniform(values, -T.One, T.One);
        return values;
    }
}
