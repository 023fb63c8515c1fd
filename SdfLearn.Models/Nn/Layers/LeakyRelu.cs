using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Layers;

/// <summary>Leaky rectified linear unit, <c>x &gt;= 0 ? x : slope * x</c>, as <c>torch.nn.LeakyReLU</c>; no parameters.</summary>
public sealed class LeakyRelu<T>(double negativeSlope = 0.01) : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The slope for negative inputs.</summary>
    public double NegativeSlope { get; } = negativeSlope;

    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x) => Ops.LeakyRelu(x, NegativeSlope);
}
