using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Layers;

/// <summary>
/// Gaussian error linear unit, as <c>torch.nn.GELU()</c>: the exact erf form <c>x Phi(x)</c> by default, or the tanh
/// approximation when named (<c>new Gelu&lt;T&gt;(GeluApproximation.Tanh)</c>, PyTorch's <c>approximate="tanh"</c>); no parameters.
/// </summary>
public sealed class Gelu<T>(GeluApproximation approximation = GeluApproximation.Exact) : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Which form of GELU is computed.</summary>
    public GeluApproximation Approximation { get; } = approximation;

    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x) => Ops.Gelu(x, Approximation);
}
