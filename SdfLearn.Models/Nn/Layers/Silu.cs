using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Layers;

/// <summary>Sigmoid linear unit, <c>x * sigmoid(x)</c>, as <c>torch.nn.SiLU</c>; no parameters.</summary>
public sealed class Silu<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x) => Ops.Silu(x);
}
