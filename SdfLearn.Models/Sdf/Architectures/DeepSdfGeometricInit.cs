using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Nn.Initialization;

namespace SdfLearn.Sdf.Architectures;

/// <summary>
/// Geometric initialisation of a <see cref="DeepSdfDecoder{T}"/> (Atzmon and Lipman, SAL, CVPR 2020): weights drawn so that
/// the untrained decoder is close to the signed distance to a sphere, ‖x‖ − r, whatever the latent.
/// </summary>
public static class DeepSdfGeometricInit
{
    /// <summary>
    /// Re-draws every weight and bias of <paramref name="decoder"/> so that it starts as approximately ‖x‖ − <paramref name="radius"/>
    /// (under tanh when the decoder has it), with ∇ₓf of length about 1.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Hidden layers: weights N(0, 2 / out), which keeps E‖h‖² = ‖x‖² through each ReLU layer, and zero biases, so every
    /// hidden layer is positively homogeneous in x. Output layer: weights N(√π / √in, 10⁻⁴) and bias −r, which turns the
    /// last hidden features' sum into ≈ ‖x‖ − r. The first layer's and the skip layer's latent columns start at zero, so
    /// every latent decodes the same sphere and the latents learn from the data rather than from random weights; the skip
    /// layer's weights are divided by √2, since its input [h, query] has about √2 times the norm of x.
    /// </para>
    /// <para>
    /// Fields start small near the surface and with unit slope, which the two-sided clamp with the eikonal term needs: a
    /// decoder whose first outputs lie beyond ±δ gets no gradient from the clamped data term.
    /// </para>
    /// </remarks>
    /// <param name="decoder">The decoder to initialise; its shapes are unchanged.</param>
    /// <param name="radius">Radius r of the initial sphere, in the decoder's coordinates.</param>
    /// <param name="random">Source of the weights.</param>
    /// <exception cref="ArgumentOutOfRangeException">The radius is not positive and finite.</exception>
    public static void InitializeGeometric<T>(this DeepSdfDecoder<T> decoder, double radius, SeededRandom random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(random);
        CheckRadius(radius, nameof(radius));

        int last = decoder.Layers.Count - 1;
        for (int i = 0; i <= last; i++)
        {
            var layer = decoder.Layers[i];
            var (weight, bias) = (layer.Weight.Value, layer.Bias?.Value);
            if (i == last)
            {
                Init.GeometricOutput(weight, bias, radius, random);
                continue;
            }
            Init.GeometricHidden(weight, bias, random, scale: i == decoder.SkipLayer ? Math.Sqrt(0.5) : 1);
            // The query [z, x] enters the first layer at column 0 and the skip layer after the hidden features.
            if (i == 0) ZeroColumns(weight, 0, decoder.LatentSize);
            else if (i == decoder.SkipLayer) ZeroColumns(weight, layer.InFeatures - decoder.InputWidth, decoder.LatentSize);
        }
    }

    /// <summary>Refuses a radius that is not positive and finite, naming <paramref name="name"/>.</summary>
    internal static void CheckRadius(double radius, string name)
    {
        if (!(radius > 0 && double.IsFinite(radius)))
            throw new ArgumentOutOfRangeException(name, radius, "The geometric initialisation's radius must be positive and finite.");
    }

    /// <summary>Sets columns [first, first + count) of a weight [out, in] to zero.</summary>
    private static void ZeroColumns<T>(Tensor<T> weight, int first, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int columns = weight.Shape[1];
        for (int row = 0; row < weight.Shape[0]; row++)
            weight.Span.Slice(row * columns + first, count).Clear();
    }
}
