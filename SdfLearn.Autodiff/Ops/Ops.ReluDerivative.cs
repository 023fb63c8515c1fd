using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// The derivative of ReLU, the step <c>y = 1</c> where x &gt; 0, else 0 (as <see cref="Relu{T}"/>'s backward), for input
    /// gradients recorded through a network (a layer's <see cref="Pullback{T}"/>). Its own derivative is zero wherever it exists, so
    /// the result never requires a gradient and nothing is recorded.
    /// </summary>
    public static Variable<T> ReluDerivative<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(ReluDerivative), x);
        var y = tape.Result(tape.Rent(x.Shape), anyInputRequiresGrad: false);
        ReluKernel.Step<T>(x.Value.Span, y.Value.Span);
        return y;
    }
}
