using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Layers;

/// <summary>
/// Softplus with sharpness β, <c>log(1 + exp(β x)) / β</c>, as <c>torch.nn.Softplus(beta)</c>; no parameters. A smooth
/// ReLU whose second derivative exists everywhere, so losses on input gradients (eikonal, normals) train through it;
/// IGR (Gropp et al. 2020) uses β = 100.
/// </summary>
public sealed class Softplus<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the activation.</summary>
    /// <exception cref="ArgumentOutOfRangeException">β is not positive.</exception>
    public Softplus(T beta)
    {
        if (!(beta > T.Zero)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "Softplus: beta must be positive.");
        Beta = beta;
    }

    /// <summary>The sharpness β.</summary>
    public T Beta { get; }

    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x) => Ops.Scale(Ops.Softplus(Ops.Scale(x, Beta)), T.One / Beta);

    /// <inheritdoc/>
    /// <remarks>Pullback: <c>dX = g sigmoid(β x)</c>.</remarks>
    public override (Variable<T> Output, Pullback<T> Pullback) ForwardWithPullback(Variable<T> x) =>
        (Forward(x), g => Ops.Mul(g, Ops.Sigmoid(Ops.Scale(x, Beta))));
}
