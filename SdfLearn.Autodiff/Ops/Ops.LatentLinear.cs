using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// A DeepSDF layer on queries that share a latent per shape, without building them:
    /// <c>y = act([features, RepeatRows(latents, P), coordinates] W^T + b)</c> with act ReLU (or the identity when
    /// <paramref name="relu"/> is false), P = N / B rows per shape. The weight's columns are split in that order: the
    /// latent columns are applied once per shape ([B, H], the bias folded in) and added to each of its rows, the few
    /// coordinate columns are applied per row, and the features (the skip connection's hidden input, or none for a first
    /// layer) go through one GEMM whose epilogue adds both and applies ReLU (<see cref="GemmEpilogue{T}"/>).
    /// Backward, from one pass over <c>g</c> (<see cref="AffineGradient"/>): the ReLU-masked gradient and its sum over
    /// each shape's rows G [B, H]; <c>dFeatures = g W_f</c>, <c>dW_f = g^T features</c>, <c>dLatents = G W_z</c>,
    /// <c>dW_z = G^T latents</c>, <c>dCoordinates = g W_x</c>, <c>dW_x = g^T coordinates</c>, <c>db = sum of G</c>.
    /// </summary>
    /// <param name="features">[N, F] per-row features, or null (F = 0).</param>
    /// <param name="latents">[B, L], one per shape; B divides N.</param>
    /// <param name="coordinates">[N, d].</param>
    /// <param name="weight">[H, F + L + d].</param>
    /// <param name="bias">[H], or null.</param>
    /// <param name="relu">Apply ReLU (hidden layers); false for a linear output.</param>
    /// <exception cref="ShapeMismatchException">The shapes do not fit; the message names them.</exception>
    public static Variable<T> LatentLinear<T>(Variable<T>? features, Variable<T> latents, Variable<T> coordinates, Variable<T> weight,
        Variable<T>? bias, bool relu) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(latents);
        ArgumentNullException.ThrowIfNull(coordinates);
        return AffineLayer(nameof(LatentLinear), features, latents, coordinates, weight, bias, relu);
    }

    /// <summary>
    /// The shared body of <see cref="LatentLinear"/> and <see cref="LinearRelu"/>: a Linear on
    /// [features, repeated latents, coordinates] (each part optional, at least features or coordinates given) with its
    /// bias and activation in the GEMM's epilogue, and its backward from one pass over the output's gradient.
    /// </summary>
    private static Variable<T> AffineLayer<T>(string op, Variable<T>? features, Variable<T>? latents, Variable<T>? coordinates,
        Variable<T> weight, Variable<T>? bias, bool relu) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(op, features ?? coordinates!, weight, bias);
        latents?.EnsureUsableOn(tape, op);
        coordinates?.EnsureUsableOn(tape, op);
        var (rows, f, l, d, h, groups) = AffineShapes(op, features, latents, coordinates, weight, bias);
        var split = SplitWeight(tape, weight, f, l, d);
        var weights = new AffineWeights<T>(weight, split, f, l, d);

        Tensor<T>? shapeTerms = null; // per shape: W_z z + b
        if (latents is not null)
        {
            shapeTerms = tape.Rent([groups, h]);
            Gemm.Multiply(latents.Value.Span, false, weights.Latents, true, shapeTerms.Span, groups, h, l,
                new GemmEpilogue<T>(bias is null ? default : bias.Value.Span, groups, default, default, relu: false));
        }
        bool requiresGrad = (features?.RequiresGrad ?? false) || (latents?.RequiresGrad ?? false) || (coordinates?.RequiresGrad ?? false)
            || weight.RequiresGrad || (bias?.RequiresGrad ?? false);
        // [..., H] on the features' leading dimensions when they come alone (LinearRelu), else [N, H]
        Span<int> dims = stackalloc int[features is not null && latents is null ? features.Shape.Rank : 2];
        if (dims.Length == 2) dims[0] = rows;
        else features!.Shape.Dims.CopyTo(dims);
        dims[^1] = h;
        var y = tape.Result(tape.Rent(dims), requiresGrad);
        var groupBias = shapeTerms is not null ? shapeTerms.Span : bias is null ? default : bias.Value.Span;
        Gemm.Multiply(features is null ? default : features.Value.Span, false, weights.Features, true, y.Value.Span, rows, h, f,
            new GemmEpilogue<T>(groupBias, Math.Max(1, rows / groups), coordinates is null ? default : coordinates.Value.Span,
                weights.Coordinates, relu));
        if (y.RequiresGrad)
            tape.Record(y, static y => AffineBackward(y), a: features, b: latents, c: coordinates, d: weight, e: bias, saved: split, i: relu ? 1 : 0);
        return y;
    }

    /// <summary>
    /// The backward of an <see cref="AffineLayer"/> <paramref name="y"/>, from its record: features, latents and
    /// coordinates in A, B, C, the weight and bias in D, E, the split weight (<see cref="SplitWeight"/>) in Saved and
    /// ReLU in I.
    /// </summary>
    private static void AffineBackward<T>(Variable<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (features, latents, coordinates, weight, bias) = (y.Op.A, y.Op.B, y.Op.C, y.Op.D!, y.Op.E);
        bool relu = y.Op.I != 0;
        var tape = y.Tape;
        var (rows, f, l, d, h, groups) = AffineShapes(nameof(AffineBackward), features, latents, coordinates, weight, bias);
        var weights = new AffineWeights<T>(weight, (Tensor<T>?)y.Op.Saved, f, l, d);
        int rowsPerGroup = Math.Max(1, rows / groups);

        ReadOnlySpan<T> g = y.Grad!.Span;
        var gradPre = relu ? tape.Rent(y.Shape) : null;
        var groupSums = tape.Rent([groups, h]);
        var termSums = tape.Rent([Math.Max(d, 1), h]);
        var scratch = tape.Rent([AffineGradient.ScratchLength(rows, h, d, rowsPerGroup)]);
        AffineGradient.Backward(g, y.Value.Span, relu, coordinates is null ? default : coordinates.Value.Span, d, h, rowsPerGroup,
            gradPre is null ? default : gradPre.Span, groupSums.Span, termSums.Span, scratch.Span);
        if (gradPre is not null) g = gradPre.Span;

        if (features is not null && features.RequiresGrad)
        {
            var gf = features.GradForFullWrite(out bool accumulate);
            Gemm.Multiply(g, false, weights.Features, false, gf, rows, f, h, accumulate);
        }
        if (weight.RequiresGrad) AddWeightGradient(tape, weight.GradAccumulator(), g, groupSums.Span, termSums.Span, features, latents, rows, h, groups, f, l, d);
        if (bias is not null && bias.RequiresGrad)
        {
            var gb = bias.GradAccumulator();
            for (int group = 0; group < groups; group++) System.Numerics.Tensors.TensorPrimitives.Add(gb, groupSums.Span.Slice(group * h, h), gb);
        }
        if (latents is not null && latents.RequiresGrad)
        {
            var gz = latents.GradForFullWrite(out bool accumulate);
            Gemm.Multiply(groupSums.Span, false, weights.Latents, false, gz, groups, l, h, accumulate);
        }
        if (coordinates is not null && coordinates.RequiresGrad)
        {
            var gc = coordinates.GradForFullWrite(out bool accumulate);
            Gemm.Multiply(g, false, weights.Coordinates, true, gc, rows, d, h, accumulate);
        }
    }

    /// <summary>Rows N and widths F, L, d, H and shape count B of an <see cref="AffineLayer"/>, after checking they fit.</summary>
    private static (int Rows, int F, int L, int D, int H, int Groups) AffineShapes<T>(string op, Variable<T>? features, Variable<T>? latents,
        Variable<T>? coordinates, Variable<T> weight, Variable<T>? bias) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool grouped = latents is not null || coordinates is not null;
        if ((features is not null && (features.Shape.Rank == 0 || (grouped && features.Shape.Rank != 2)))
            || (latents is not null && (latents.Shape.Rank != 2 || latents.Shape[0] == 0))
            || (coordinates is not null && coordinates.Shape.Rank != 2))
            throw new ShapeMismatchException($"{op}: expected features [N, F], latents [B, L] and coordinates [N, d]; got "
                + $"{features?.Shape.ToString() ?? "none"}, {latents?.Shape.ToString() ?? "none"}, {coordinates?.Shape.ToString() ?? "none"}.");
        int f = features?.Shape[-1] ?? 0, l = latents?.Shape[1] ?? 0, d = coordinates?.Shape[1] ?? 0;
        int rows = features is not null ? (f == 0 ? 0 : features.Shape.Length / f) : coordinates!.Shape[0];
        int groups = latents?.Shape[0] ?? 1;
        if ((coordinates is not null && coordinates.Shape[0] != rows) || rows % groups != 0)
            throw new ShapeMismatchException($"{op}: features {features?.Shape.ToString() ?? "none"}, coordinates {coordinates?.Shape.ToString() ?? "none"} "
                + $"and latents {latents?.Shape.ToString() ?? "none"} do not hold the same rows, a whole number per latent.");
        if (weight.Shape.Rank != 2 || weight.Shape[1] != f + l + d)
            throw new ShapeMismatchException($"{op}: weight {weight.Shape} does not fit inputs of width {f} + {l} + {d} (expected [out, {f + l + d}]).");
        int h = weight.Shape[0];
        if (bias is not null && (bias.Shape.Rank != 1 || bias.Shape[0] != h))
            throw new ShapeMismatchException($"{op}: bias {bias.Shape} does not fit weight {weight.Shape} (expected [{h}]).");
        return (rows, f, l, d, h, groups);
    }

    /// <summary>
    /// The weight [H, F + L + d] split by input into one tape buffer, [W_f [H, F] | W_z [H, L] | W_c^T [d, H]], as the
    /// GEMMs read them (<see cref="AffineWeights{T}"/>); null when the features are the only input and the weight is used as is.
    /// Kept in the op's record, so the backward reads the same copy.
    /// </summary>
    private static Tensor<T>? SplitWeight<T>(Tape<T> tape, Variable<T> weight, int f, int l, int d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = f + l + d, h = weight.Shape[0];
        if (f == width) return null;
        var split = tape.Rent([h * width]);
        ReadOnlySpan<T> w = weight.Value.Span;
        var s = split.Span;
        int latentStart = h * f, coordinateStart = h * (f + l);
        for (int i = 0; i < h; i++)
        {
            w.Slice(i * width, f).CopyTo(s.Slice(i * f, f));
            w.Slice(i * width + f, l).CopyTo(s.Slice(latentStart + i * l, l));
            for (int c = 0; c < d; c++) s[coordinateStart + c * h + i] = w[i * width + f + l + c];
        }
        return split;
    }

    /// <summary>
    /// Adds an <see cref="AffineLayer"/>'s weight gradient into <paramref name="gw"/> [H, F + L + d]: <c>g^T features</c>,
    /// <c>G^T latents</c> and the coordinate columns' term sums, each into its columns.
    /// </summary>
    private static void AddWeightGradient<T>(Tape<T> tape, Span<T> gw, ReadOnlySpan<T> g, ReadOnlySpan<T> groupSums, ReadOnlySpan<T> termSums,
        Variable<T>? features, Variable<T>? latents, int rows, int h, int groups, int f, int l, int d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = f + l + d;
        if (f == width)
        {
            Gemm.Multiply(g, true, features!.Value.Span, false, gw, h, f, rows, accumulate: true);
            return;
        }
        if (f > 0)
        {
            var part = tape.Rent([h, f]).Span;
            Gemm.Multiply(g, true, features!.Value.Span, false, part, h, f, rows);
            AddColumns(gw, width, 0, part, f);
        }
        if (l > 0)
        {
            var part = tape.Rent([h, l]).Span;
            Gemm.Multiply(groupSums, true, latents!.Value.Span, false, part, h, l, groups);
            AddColumns(gw, width, f, part, l);
        }
        for (int t = 0; t < d; t++)
            for (int i = 0; i < h; i++) gw[i * width + f + l + t] += termSums[t * h + i];
    }

    /// <summary>gw[:, start .. start + count) += part [h, count].</summary>
    private static void AddColumns<T>(Span<T> gw, int width, int start, ReadOnlySpan<T> part, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < part.Length / count; i++)
        {
            var target = gw.Slice(i * width + start, count);
            System.Numerics.Tensors.TensorPrimitives.Add(target, part.Slice(i * count, count), target);
        }
    }
}
