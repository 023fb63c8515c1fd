using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Layers;

/// <summary>Logistic sigmoid, <c>1 / (1 + exp(-x))</c>, as <c>torch.nn.Sigmoid</c>; no parameters.</summary>
public sealed class Sigmoid<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x) => Ops.Sigmoid(x);
}
