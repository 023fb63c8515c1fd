using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Layers;

/// <summary>
/// Softplus with sharpness β, <c>log(1 + exp(β x)) / β</c> (the identity where β x exceeds the threshold), as
/// <c>torch.nn.Softplus(beta, threshold)</c>; no parameters. A smooth ReLU whose second derivative exists everywhere,
/// so losses on input gradients (eikonal, normals) train through it; IGR (Gropp et al. 2020) uses β = 100.
/// </summary>
public sealed class Softplus<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the activation (PyTorch's defaults are β = 1, threshold 20).</summary>
    /// <exception cref="ArgumentException">β is not positive and finite.</exception>
    public Softplus(T beta, T threshold)
    {
        Core.Kernels.SoftplusKernel.ThrowIfInvalidBeta(beta);
        (Beta, Threshold) = (beta, threshold);
    }

    /// <summary>The sharpness β.</summary>
    public T Beta { get; }

    /// <summary>Above <c>β x = threshold</c> the output is x itself.</summary>
    public T Threshold { get; }

    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x) => Ops.Softplus(x, Beta, Threshold);

    /// <inheritdoc/>
    /// <remarks>Pullback: <c>dX = g sigmoid(β x)</c> (<see cref="Ops.SoftplusDerivative{T}"/>).</remarks>
    public override (Variable<T> Output, Pullback<T> Pullback) ForwardWithPullback(Variable<T> x) =>
        (Forward(x), g => Ops.Mul(g, Ops.SoftplusDerivative(x, Beta, Threshold)));
}
