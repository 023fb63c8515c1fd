using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Layers;

/// <summary>Rectified linear unit, <c>max(x, 0)</c>, as <c>torch.nn.ReLU</c>; no parameters.</summary>
public sealed class Relu<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x) => Ops.Relu(x);

    /// <inheritdoc/>
    public override (Variable<T> Output, Pullback<T> Pullback) ForwardWithPullback(Variable<T> x) =>
        (Ops.Relu(x), g => Ops.ReluBackward(g, x));
}
