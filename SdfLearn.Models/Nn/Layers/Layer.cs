using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;

namespace SdfLearn.Nn.Layers;

/// <summary>A module that maps one value to another (PyTorch's <c>forward(x)</c>), so it can sit in a <see cref="Sequential{T}"/>.</summary>
public abstract class Layer<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Records the layer's computation on the tape of <paramref name="x"/> (PyTorch's <c>forward(x)</c>) and returns its output.</summary>
    public abstract Variable<T> Forward(Variable<T> x);

    /// <summary>
    /// Inference without a tape ceremony (PyTorch's <c>with torch.no_grad(): y = model(x)</c>): runs <see cref="Forward"/>
    /// on a fresh tape that records nothing and returns the output as a tensor of its own.
    /// </summary>
    public Tensor<T> Predict(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tape = new Tape<T>();
        using var _ = tape.NoGrad();
        return Forward(tape.Constant(input)).Value.Clone();
    }

    /// <summary>
    /// Records the layer's forward pass, as <see cref="Forward(Variable{T})"/>, and returns with its output the layer's
    /// backward pass as a <see cref="Pullback{T}"/> that records differentiable ops, so that losses on input gradients can
    /// be backpropagated. Linear layers, the activations SDF networks use, <see cref="Sequential{T}"/> and the DeepSDF
    /// decoder support it.
    /// </summary>
    /// <exception cref="NotSupportedException">The layer has no recorded backward.</exception>
    public virtual (Variable<T> Output, Pullback<T> Pullback) ForwardWithPullback(Variable<T> x) =>
        throw new NotSupportedException($"{GetType().Name} has no recorded backward (ForwardWithPullback), so input gradients cannot pass through it.");

    /// <summary>
    /// The output f(x) [N, 1] and its gradient with respect to columns <paramref name="start"/> .. <paramref name="start"/>
    /// + <paramref name="count"/> − 1 of the input x [N, w] (e.g. the coordinates, not the latent code), as [N, count],
    /// both recorded on the tape of x: a loss on the gradient (eikonal, normal alignment) trains the layer like any other,
    /// as PyTorch's <c>torch.autograd.grad(f, x, create_graph=True)</c>. The gradient is the layer's backward from
    /// <c>df = 1</c>, recorded as ops (<see cref="ForwardWithPullback"/>): about one forward pass more, and its own
    /// backward about two.
    /// </summary>
    /// <exception cref="NotSupportedException">A layer has no recorded backward.</exception>
    /// <exception cref="ShapeMismatchException">x is not [N, w] or the output is not one value per row.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The columns are not within [0, w).</exception>
    public (Variable<T> Value, Variable<T> Gradient) ForwardWithInputGradient(Variable<T> x, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Rank != 2) throw new ShapeMismatchException($"ForwardWithInputGradient: expected inputs [N, w], got {x.Shape}.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (start < 0 || start + count > x.Shape[1])
            throw new ArgumentOutOfRangeException(nameof(start), start, $"Columns {start} .. {start + count - 1} are outside the input width {x.Shape[1]}.");
        var (y, pullback) = ForwardWithPullback(x);
        if (y.Shape.Rank != 2 || y.Shape[1] != 1)
            throw new ShapeMismatchException($"ForwardWithInputGradient: expected one output per row [N, 1], got {y.Shape}.");
        var ones = x.Tape.Rent(y.Shape);
        ones.Fill(T.One);
        var gradient = pullback(x.Tape.Constant(ones));
        return (y, count == x.Shape[1] ? gradient : Ops.Slice(gradient, 1, start, count));
    }
}
