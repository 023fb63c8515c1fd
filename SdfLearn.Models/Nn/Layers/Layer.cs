using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Layers;

/// <summary>A module that maps one value to another (PyTorch's <c>forward(x)</c>), so it can sit in a <see cref="Sequential{T}"/>.</summary>
public abstract class Layer<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Records the layer's computation on the tape of <paramref name="x"/> (PyTorch's <c>forward(x)</c>) and returns its output.</summary>
    public abstract Variable<T> Forward(Variable<T> x);

    /// <summary>
    /// Propagates a value and its tangents (its derivatives along d input directions) through the layer, recording
    /// both, so that losses on input gradients can be backpropagated (see <see cref="Dual"/>). Linear layers, the
    /// activations SDF networks use, <see cref="Sequential{T}"/> and the DeepSDF decoder support it.
    /// </summary>
    /// <exception cref="NotSupportedException">The layer does not propagate tangents.</exception>
    public virtual Dual<T> Forward(Dual<T> x) =>
        throw new NotSupportedException($"{GetType().Name} does not propagate input tangents (Forward(Dual<T>)).");

    /// <summary>
    /// The output f(x) [N, 1] and its gradient with respect to columns <paramref name="start"/> .. <paramref name="start"/>
    /// + <paramref name="count"/> − 1 of the input x [N, w] (e.g. the coordinates, not the latent code), as [N, count],
    /// both recorded on the tape of x: a loss on the gradient (eikonal, normal alignment) trains the layer like any
    /// other, as PyTorch's <c>torch.autograd.grad(f, x, create_graph=True)</c>. Costs about 1 + count forward passes.
    /// </summary>
    /// <exception cref="NotSupportedException">A layer does not propagate tangents.</exception>
    /// <exception cref="Core.ShapeMismatchException">The output is not one value per row.</exception>
    public (Variable<T> Value, Variable<T> Gradient) ForwardWithInputGradient(Variable<T> x, int start, int count)
    {
        var y = Forward(Dual.Seed(x, start, count));
        return (y.Value, Dual.Gradient(y));
    }
}
