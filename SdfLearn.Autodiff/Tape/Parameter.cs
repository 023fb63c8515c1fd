using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

/// <summary>
/// A trainable tensor and the gradient accumulated into it by <c>Tape.Backward</c>. Modules own parameters;
/// optimisers read <see cref="Grad"/> and update <see cref="Value"/> in place.
/// </summary>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a parameter around an existing value tensor (not copied) with a zero gradient of the same shape.</summary>
    public Parameter(Tensor<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
        Grad = new Tensor<T>(value.Shape);
    }

    /// <summary>The current value, updated in place by optimisers.</summary>
    public Tensor<T> Value { get; }

    /// <summary>The accumulated gradient of the loss with respect to <see cref="Value"/>.</summary>
    public Tensor<T> Grad { get; }

    /// <summary>Whether backward passes accumulate into <see cref="Grad"/> (false freezes the parameter).</summary>
    public bool RequiresGrad { get; set; } = true;

    /// <summary>The shape of the value and gradient.</summary>
    public Shape Shape => Value.Shape;

    /// <summary>Sets the gradient to zero.</summary>
    public void ZeroGrad() => Grad.Clear();
}
