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
}
