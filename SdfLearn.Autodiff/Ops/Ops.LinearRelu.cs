using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>y = max(x W^T + b, 0)</c>, a hidden dense layer with its ReLU, as <c>Relu(Linear(x, weight, bias))</c> but with the
    /// bias and ReLU applied to each tile of the GEMM's output as it is stored (<see cref="GemmEpilogue{T}"/>), so the
    /// output is written once. Backward: one pass masks <c>g</c> where y &gt; 0 and sums it for <c>db</c>; then
    /// <c>dX = g W</c> and <c>dW = g^T x</c> on the masked gradient.
    /// </summary>
    /// <exception cref="ShapeMismatchException">x is not [..., in], the weight [out, in] or the bias [out].</exception>
    public static Variable<T> LinearRelu<T>(Variable<T> x, Variable<T> weight, Variable<T>? bias = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return AffineLayer(nameof(LinearRelu), x, null, null, weight, bias, relu: true);
    }
}
