using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;

namespace SdfLearn.Sdf.Architectures;

/// <summary>
/// The DeepSDF decoder (Park et al. 2019; docs/reference.md): an MLP from a query [z (L), coordinates (d)] to a signed
/// distance. Hidden layers of width H with ReLU; the layer before the skip layer narrows to H - (L + d) so that
/// concatenating the input again restores width H; a final Linear(H → 1) and tanh. The reference is L + 2 inputs,
/// H = 256, five hidden layers, skip into layer 3. Parameter names: <c>layers.{i}.weight/bias</c>, i = 0 .. hidden layers
/// (the last is the output layer).
/// </summary>
public sealed class DeepSdfDecoder<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the decoder with PyTorch default initialisation drawn from <paramref name="random"/>.</summary>
    /// <param name="latentSize">Latent size L.</param>
    /// <param name="random">Source of the initial weights.</param>
    /// <param name="hiddenWidth">Width H of the hidden layers.</param>
    /// <param name="hiddenLayers">Number of hidden (ReLU) layers before the output layer.</param>
    /// <param name="skipLayer">Index of the layer whose input is [previous output, query] (1 .. hiddenLayers), or null for no skip.</param>
    /// <param name="coordinateDimension">d: 2 for images, 3 for volumes.</param>
    /// <param name="tanhOutput">Whether the output goes through tanh (the reference does).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, the skip layer is out of range, or H ≤ L + d with a skip.</exception>
    public DeepSdfDecoder(int latentSize, SeededRandom random, int hiddenWidth = 256, int hiddenLayers = 5, int? skipLayer = 3,
        int coordinateDimension = 2, bool tanhOutput = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(latentSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenLayers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(coordinateDimension);
        int inputWidth = latentSize + coordinateDimension;
        if (skipLayer is int skip)
        {
            if (skip < 1 || skip > hiddenLayers)
                throw new ArgumentOutOfRangeException(nameof(skipLayer), skip, $"The skip layer must be between 1 and {hiddenLayers} (the output layer).");
            if (hiddenWidth <= inputWidth)
                throw new ArgumentOutOfRangeException(nameof(hiddenWidth), hiddenWidth,
                    $"With a skip connection the hidden width must exceed the query width L + d = {inputWidth}.");
        }
        (LatentSize, HiddenWidth, SkipLayer, CoordinateDimension, TanhOutput) = (latentSize, hiddenWidth, skipLayer, coordinateDimension, tanhOutput);

        var layers = new List<Linear<T>>();
        for (int i = 0; i <= hiddenLayers; i++)
        {
            int inWidth = i == 0 ? inputWidth : hiddenWidth;
            int outWidth = i == hiddenLayers ? 1 : i + 1 == skipLayer ? hiddenWidth - inputWidth : hiddenWidth;
            layers.Add(new Linear<T>(inWidth, outWidth, random));
        }
        Layers = RegisterModule("layers", new ModuleList<Linear<T>, T>(layers));
    }

    /// <summary>Latent size L.</summary>
    public int LatentSize { get; }

    /// <summary>Coordinate dimension d.</summary>
    public int CoordinateDimension { get; }

    /// <summary>Width of a query: L + d.</summary>
    public int InputWidth => LatentSize + CoordinateDimension;

    /// <summary>Hidden width H.</summary>
    public int HiddenWidth { get; }

    /// <summary>Index of the layer that receives the query again, or null.</summary>
    public int? SkipLayer { get; }

    /// <summary>Whether the output goes through tanh.</summary>
    public bool TanhOutput { get; }

    /// <summary>The linear layers, the last being the output layer.</summary>
    public ModuleList<Linear<T>, T> Layers { get; }

    /// <summary>
    /// Maps queries [N, L + d] (latent first, then coordinates) to signed distances [N, 1]. Queries that share a latent per
    /// shape are cheaper through <see cref="Forward(Variable{T}, Variable{T})"/>, which never builds them.
    /// </summary>
    /// <remarks>
    /// The skip layer concatenates the query to the hidden features rather than adding its columns in the GEMM's epilogue
    /// (<see cref="Ops.LatentLinear"/>'s coordinate terms): 35 columns (L = 32, d = 3) ran 45 % slower there than in the
    /// GEMM, and 3 columns (L = 0) only 2.5 % faster than the concatenation.
    /// </remarks>
    /// <exception cref="ShapeMismatchException">The queries are not [N, L + d].</exception>
    public override Variable<T> Forward(Variable<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckQueries(x);
        return Record(x, saved: null, out _);
    }

    /// <summary>
    /// Records the forward pass on queries [N, L + d] and returns the decoder's backward as a recorded
    /// <see cref="Pullback{T}"/>: each layer's pullback in reverse (ReLU's as <see cref="Ops.ReluBackward"/> on the layer's
    /// output), the skip connection's gradient split between the hidden features and the query again (see
    /// <see cref="ForwardWithCoordinateGradient"/>). The pullback is one closure over the layers' weights and outputs, so
    /// a call allocates a few hundred bytes whatever the depth.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The queries are not [N, L + d].</exception>
    public override (Variable<T> Output, Pullback<T> Pullback) ForwardWithPullback(Variable<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckQueries(x);
        var saved = new Variable<T>[2 * Layers.Count];
        var output = Record(x, saved, out int skipWidth);
        return (output, g => RecordPullback(g, saved, skipWidth));
    }

    /// <summary>
    /// Records the forward pass on queries x: hidden layers as <see cref="Ops.LinearRelu"/>, the skip layer's input
    /// concatenated with x, the output layer and its tanh. With <paramref name="saved"/>, keeps layer i's weight at 2i and
    /// its output at 2i + 1 (the output layer's before its tanh), and the skip layer's feature width.
    /// </summary>
    private Variable<T> Record(Variable<T> x, Variable<T>[]? saved, out int skipWidth)
    {
        var h = x;
        skipWidth = 0;
        for (int i = 0; i < Layers.Count; i++)
        {
            if (i == SkipLayer)
            {
                skipWidth = h.Shape[1];
                h = Ops.Concat(1, h, x);
            }
            var (weight, bias) = Watch(x.Tape, i);
            h = i < Layers.Count - 1 ? Ops.LinearRelu(h, weight, bias) : Ops.Linear(h, weight, bias);
            if (saved is null) continue;
            saved[2 * i] = weight;
            saved[2 * i + 1] = h;
        }
        return TanhOutput ? Ops.Tanh(h) : h;
    }

    /// <summary>The decoder's backward from the output gradient g, recorded, on what <see cref="Record"/> saved.</summary>
    private Variable<T> RecordPullback(Variable<T> g, Variable<T>[] saved, int skipWidth)
    {
        Variable<T>? skipGradient = null;
        for (int i = Layers.Count - 1; i >= 0; i--)
        {
            var output = saved[2 * i + 1];
            if (i < Layers.Count - 1) g = Ops.ReluBackward(g, output);
            else if (TanhOutput) g = Ops.Mul(g, Ops.TanhDerivative(output));
            g = Linear<T>.InputGradient(g, saved[2 * i]);
            if (i != SkipLayer) continue;
            skipGradient = Ops.Slice(g, 1, skipWidth, InputWidth);
            g = Ops.Slice(g, 1, 0, skipWidth);
        }
        return skipGradient is null ? g : Ops.Add(g, skipGradient);
    }

    /// <summary>
    /// Signed distances of many points per shape: latents [B, L] and coordinates [B, P, d] (or [B·P, d]) give [B·P, 1],
    /// each shape's latent beside each of its points. The same function as <see cref="Forward(Variable{T})"/> on the
    /// repeated queries, without building them: the first layer and the skip layer apply their latent columns once per
    /// shape (<see cref="Ops.LatentLinear"/>), and the hidden layers' bias and ReLU run in their GEMM's epilogue.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The latents are not [B, L] or the coordinates do not hold B·P points of dimension d.</exception>
    public Variable<T> Forward(Variable<T> latents, Variable<T> coordinates)
    {
        var points = Points(latents, coordinates);
        Variable<T>? h = null;
        for (int i = 0; i < Layers.Count; i++)
        {
            var (weight, bias) = Watch(latents.Tape, i);
            bool hidden = i < Layers.Count - 1;
            if (i == 0 || i == SkipLayer) h = Ops.LatentLinear(h, latents, points, weight, bias, relu: hidden);
            else h = hidden ? Ops.LinearRelu(h!, weight, bias) : Ops.Linear(h!, weight, bias);
        }
        return TanhOutput ? Ops.Tanh(h!) : h!;
    }

    /// <summary>
    /// Signed distances f [B·P, 1] of many points per shape, as <see cref="Forward(Variable{T}, Variable{T})"/>, and their
    /// gradients with respect to the coordinates (not the latents), <c>∇ₓf</c> [B·P, d], recorded so that an eikonal or
    /// normal loss on them trains the decoder and the latents.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The latents are not [B, L] or the coordinates do not hold B·P points of dimension d.</exception>
    public (Variable<T> Value, Variable<T> Gradient) ForwardWithCoordinateGradient(Variable<T> latents, Variable<T> coordinates) =>
        ForwardWithInputGradient(Queries(latents, coordinates), LatentSize, CoordinateDimension);

    private void CheckQueries(Variable<T> x)
    {
        if (x.Shape.Rank != 2 || x.Shape[1] != InputWidth)
            throw new ShapeMismatchException($"DeepSdfDecoder: expected queries [N, {InputWidth}] (latent {LatentSize} + coordinates {CoordinateDimension}), got {x.Shape}.");
    }

    /// <summary>Layer <paramref name="i"/>'s weight and bias on the tape.</summary>
    private (Variable<T> Weight, Variable<T>? Bias) Watch(Tape<T> tape, int i) =>
        (tape.Watch(Layers[i].Weight), Layers[i].Bias is { } bias ? tape.Watch(bias) : null);

    /// <summary>Queries [B·P, L + d]: each shape's latent beside each of its points.</summary>
    private Variable<T> Queries(Variable<T> latents, Variable<T> coordinates)
    {
        var points = Points(latents, coordinates);
        return Ops.Concat(1, Ops.RepeatRows(latents, points.Shape[0] / latents.Shape[0]), points);
    }

    /// <summary>The coordinates as [B·P, d], after checking that they hold a whole number of points per latent.</summary>
    private Variable<T> Points(Variable<T> latents, Variable<T> coordinates)
    {
        ArgumentNullException.ThrowIfNull(latents);
        ArgumentNullException.ThrowIfNull(coordinates);
        if (latents.Shape.Rank != 2 || latents.Shape[1] != LatentSize)
            throw new ShapeMismatchException($"DeepSdfDecoder: expected latents [B, {LatentSize}], got {latents.Shape}.");
        int batch = latents.Shape[0];
        var c = coordinates.Shape;
        bool fits = (c.Rank == 2 || (c.Rank == 3 && c[0] == batch)) && c[c.Rank - 1] == CoordinateDimension
            && (c.Length / CoordinateDimension) % batch == 0;
        if (!fits)
            throw new ShapeMismatchException(
                $"DeepSdfDecoder: coordinates {c} do not hold points of dimension {CoordinateDimension} for {batch} shapes ([B, P, d] or [B*P, d]).");
        return c.Rank == 2 ? coordinates : Ops.Reshape(coordinates, c.Length / CoordinateDimension, CoordinateDimension);
    }
}
