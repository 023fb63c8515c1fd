using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// Gaussian error linear unit, in the exact erf form <c>x Phi(x)</c> (the default, as PyTorch's <c>nn.GELU()</c>) or,
    /// when named, the tanh approximation.
    /// Backward: the analytic derivative of the chosen form (see <see cref="GeluTanhKernel"/>, <see cref="GeluErfKernel"/>).
    /// </summary>
    public static Variable<T> Gelu<T>(Variable<T> x, GeluApproximation approximation = GeluApproximation.Exact)
        where T : unmanaged, IFloatingPointIeee754<T> => approximation switch
        {
            GeluApproximation.Exact => Elementwise(nameof(Gelu), x,
                static (xs, ys, _, _) => GeluErfKernel.Forward(xs, ys),
                static (xs, _, gy, gx, add, _, _) => GeluErfKernel.Backward(xs, gy, gx, add)),
            GeluApproximation.Tanh => Elementwise(nameof(Gelu), x,
                static (xs, ys, _, _) => GeluTanhKernel.Forward(xs, ys),
                static (xs, _, gy, gx, add, _, _) => GeluTanhKernel.Backward(xs, gy, gx, add)),
            _ => throw new ArgumentOutOfRangeException(nameof(approximation), approximation, "Unknown GELU approximation."),
        };
}
