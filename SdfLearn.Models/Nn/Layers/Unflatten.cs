using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Layers;

/// <summary>
/// Reshapes [N, features] to [N, ...dims], as <c>torch.nn.Unflatten(1, dims)</c> (e.g. a decoder's 4096 features to
/// [64, 8, 8]); no parameters.
/// </summary>
public sealed class Unflatten<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _dims;

    /// <summary>Creates the layer for the given per-sample dimensions.</summary>
    /// <exception cref="ArgumentException">No dimensions, or a dimension is not positive.</exception>
    public Unflatten(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length == 0 || dims.Any(d => d <= 0))
            throw new ArgumentException($"Unflatten needs positive dimensions; got [{string.Join(", ", dims)}].", nameof(dims));
        _dims = (int[])dims.Clone();
    }

    /// <summary>The per-sample dimensions of the output.</summary>
    public IReadOnlyList<int> Dims => _dims;

    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        // on the stack: a collection expression spreading _dims would allocate the dimensions every step
        Span<int> dims = stackalloc int[_dims.Length + 1];
        dims[0] = x.Shape[0];
        _dims.CopyTo(dims[1..]);
        return Ops.Reshape(x, dims);
    }
}
