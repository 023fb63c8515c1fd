using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>y = x</c> where x &gt; 0, else <c>negativeSlope * x</c> (PyTorch's default slope is 0.01).
    /// Backward: <c>dX = g</c> or <c>negativeSlope * g</c>.
    /// </summary>
    public static Variable<T> LeakyRelu<T>(Variable<T> x, double negativeSlope = 0.01) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T slope = T.CreateTruncating(negativeSlope);
        return Elementwise(nameof(LeakyRelu), x,
            static (xs, ys, slope, _) => LeakyReluKernel.Forward(xs, slope, ys),
            static (xs, _, gy, gx, add, slope, _) => LeakyReluKernel.Backward(xs, slope, gy, gx, add), slope);
    }
}
