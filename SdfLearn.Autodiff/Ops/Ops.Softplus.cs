using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary><c>y = log(1 + exp(x))</c>, computed stably. Backward: <c>dX = g * sigmoid(x)</c>.</summary>
    public static Variable<T> Softplus<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(nameof(Softplus), x,
            static (xs, ys, _, _) => SoftplusKernel.Forward(xs, ys),
            static (xs, _, gy, gx, add, _, _) => SoftplusKernel.Backward(xs, gy, gx, add));

    /// <summary>
    /// PyTorch's <c>nn.Softplus(beta, threshold)</c>: <c>y = log(1 + exp(beta x)) / beta</c>, and <c>y = x</c> where
    /// <c>beta x &gt; threshold</c> (PyTorch's defaults are beta 1, threshold 20; an infinite threshold means none, which
    /// with beta 1 is <see cref="Softplus{T}(Variable{T})"/>). Backward: <c>dX = g sigmoid(beta x)</c>, or <c>g</c> above
    /// the threshold. Larger beta approaches ReLU.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="beta"/> is not positive and finite.</exception>
    public static Variable<T> Softplus<T>(Variable<T> x, T beta, T threshold) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SoftplusKernel.ThrowIfInvalidBeta(beta);
        return Elementwise(nameof(Softplus), x,
            static (xs, ys, beta, threshold) => SoftplusKernel.Forward(xs, beta, threshold, ys),
            static (xs, _, gy, gx, add, beta, threshold) => SoftplusKernel.Backward(xs, beta, threshold, gy, gx, add), beta, threshold);
    }
}
