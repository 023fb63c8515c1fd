using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

/// <summary>
/// The weight of an affine layer on [features, latents, coordinates] as its GEMMs read it: the feature columns W_f
/// [H, F], the latent columns W_z [H, L] and the transposed coordinate columns W_c^T [d, H], views of the layer's split
/// weight (the whole weight for W_f when the features are the only input). A part that is absent is empty.
/// </summary>
internal readonly ref struct AffineWeights<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Views of <paramref name="split"/> (laid out [W_f | W_z | W_c^T]), or of <paramref name="weight"/> when it is null.</summary>
    public AffineWeights(Variable<T> weight, Tensor<T>? split, int f, int l, int d)
    {
        if (split is null)
        {
            Features = f == 0 ? default : weight.Value.Span;
            return;
        }
        int h = weight.Shape[0];
        ReadOnlySpan<T> s = split.Span;
        Features = s.Slice(0, h * f);
        Latents = s.Slice(h * f, h * l);
        Coordinates = s.Slice(h * (f + l), d * h);
    }

    /// <summary>W_f [H, F].</summary>
    public ReadOnlySpan<T> Features { get; }

    /// <summary>W_z [H, L].</summary>
    public ReadOnlySpan<T> Latents { get; }

    /// <summary>W_c^T [d, H].</summary>
    public ReadOnlySpan<T> Coordinates { get; }
}
