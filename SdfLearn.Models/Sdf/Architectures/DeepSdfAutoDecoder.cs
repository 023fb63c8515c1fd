using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;

namespace SdfLearn.Sdf.Architectures;

/// <summary>
/// DeepSDF's auto-decoder (Park et al. 2019): no encoder; each training shape n owns a learnable latent code, row n of
/// an embedding [N, L] initialised from N(0, 0.01²), trained jointly with a <see cref="DeepSdfDecoder{T}"/>. New shapes get
/// their code by test-time optimisation (see <c>LatentFitting</c>). Parameter names: <c>decoder.*</c> and <c>latents</c>.
/// </summary>
public sealed class DeepSdfAutoDecoder<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>DeepSDF's standard deviation of the initial codes.</summary>
    public const double InitialLatentStandardDeviation = 0.01;

    /// <summary>Wraps a decoder and gives each of <paramref name="shapeCount"/> shapes a code drawn from N(0, 0.01²).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shape count is not positive.</exception>
    public DeepSdfAutoDecoder(DeepSdfDecoder<T> decoder, int shapeCount, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shapeCount);
        Decoder = RegisterModule("decoder", decoder);
        var codes = new Tensor<T>(new Shape(shapeCount, decoder.LatentSize));
        random.FillNormal(codes.Span, T.Zero, T.CreateTruncating(InitialLatentStandardDeviation));
        Latents = RegisterParameter("latents", new Parameter<T>(codes));
    }

    /// <summary>
    /// The reference decoder (docs/reference.md: H hidden width, five hidden layers, skip into layer 3, 2D coordinates) and
    /// <paramref name="shapeCount"/> codes, initialised from <paramref name="random"/> (decoder first).
    /// </summary>
    public static DeepSdfAutoDecoder<T> CreateReference(SeededRandom random, int shapeCount, int latentSize = 32, int hiddenWidth = 256)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new DeepSdfAutoDecoder<T>(new DeepSdfDecoder<T>(latentSize, random, hiddenWidth), shapeCount, random);
    }

    /// <summary>The signed-distance decoder.</summary>
    public DeepSdfDecoder<T> Decoder { get; }

    /// <summary>The codes of the training shapes, [N, L] (row n belongs to dataset index n).</summary>
    public Parameter<T> Latents { get; }

    /// <summary>Number of training shapes N.</summary>
    public int ShapeCount => Latents.Shape[0];

    /// <summary>Latent size L.</summary>
    public int LatentSize => Decoder.LatentSize;

    /// <summary>The codes [K, L] of the training shapes with the given dataset indices, watched so they learn.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is not one of the N training shapes.</exception>
    public Variable<T> LatentsOf(Tape<T> tape, ReadOnlySpan<int> indices)
    {
        ArgumentNullException.ThrowIfNull(tape);
        return Ops.GatherRows(tape.Watch(Latents), indices);
    }
}
