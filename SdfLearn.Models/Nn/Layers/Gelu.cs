using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Layers;

/// <summary>
/// Gaussian error linear unit, as <c>torch.nn.GELU(approximate="tanh")</c> by default (Flax's default and the reference
/// models'), or the exact erf form; no parameters.
/// </summary>
public sealed class Gelu<T>(GeluApproximation approximation = GeluApproximation.Tanh) : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Which form of GELU is computed.</summary>
    public GeluApproximation Approximation { get; } = approximation;

    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x) => Ops.Gelu(x, Approximation);

    /// <inheritdoc/>
    public override (Variable<T> Output, Pullback<T> Pullback) ForwardWithPullback(Variable<T> x) =>
        (Ops.Gelu(x, Approximation), g => Ops.Mul(g, Ops.GeluDerivative(x, Approximation)));
}
