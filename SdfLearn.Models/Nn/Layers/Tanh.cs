using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Layers;

/// <summary>Hyperbolic tangent, as <c>torch.nn.Tanh</c>; no parameters.</summary>
public sealed class Tanh<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x) => Ops.Tanh(x);

    /// <inheritdoc/>
    public override (Variable<T> Output, Pullback<T> Pullback) ForwardWithPullback(Variable<T> x) =>
        (Ops.Tanh(x), g => Ops.Mul(g, Ops.TanhDerivative(x)));
}
