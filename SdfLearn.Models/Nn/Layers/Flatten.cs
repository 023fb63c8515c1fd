using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Layers;

/// <summary>Flattens every axis after the first, [N, ...] to [N, rest], as <c>torch.nn.Flatten</c>; no parameters.</summary>
public sealed class Flatten<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x) => Ops.Flatten(x);
}
