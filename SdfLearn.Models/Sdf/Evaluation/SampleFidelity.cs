using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>
/// How much generated fields look like the data, shape by shape: for each sample, the IoU of its inside region
/// (value &lt; 0) with that of the most overlapping reference field (a nearest-neighbour precision, as in Kynkäänniemi
/// et al. 2019, with IoU as the similarity), and the number of separate pieces its inside falls into (4-connected). A
/// blob or a broken stroke overlaps no digit well, or falls apart; a digit-like sample matches some training digit
/// about as well as a held-out real digit does.
/// </summary>
/// <param name="NearestIoU">Per sample, the largest inside IoU over the reference fields.</param>
/// <param name="Pieces">Per sample, the number of 4-connected pieces of its inside region (0 when it has none).</param>
public sealed record SampleFidelity(double[] NearestIoU, int[] Pieces)
{
    /// <summary>Measures every field of <paramref name="samples"/> [N, 1, S, S] against every field of <paramref name="references"/> [M, 1, S, S].</summary>
    /// <exception cref="ArgumentException">There are no samples or no references, or their field sizes differ.</exception>
    public static SampleFidelity Measure(Tensor<float> samples, Tensor<float> references)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(references);
        if (samples.Rank != 4 || references.Rank != 4 || samples.Shape[0] == 0 || references.Shape[0] == 0)
            throw new ArgumentException($"Sample fidelity needs non-empty [N, 1, S, S] fields; got samples {samples.Shape} and references {references.Shape}.");
        if (samples.Length / samples.Shape[0] != references.Length / references.Shape[0] || samples.Shape[3] != references.Shape[3])
            throw new ArgumentException($"Samples {samples.Shape} and references {references.Shape} have fields of different sizes.");
        int width = samples.Shape[3], size = samples.Length / samples.Shape[0];
        var sampleMasks = InsideMasks(samples, size);
        var referenceMasks = InsideMasks(references, size);
        int count = samples.Shape[0];
        var nearest = new double[count];
        var pieces = new int[count];
        for (int s = 0; s < count; s++)
        {
            nearest[s] = BestOverlap(sampleMasks[s], referenceMasks);
            pieces[s] = InsidePieces(samples.Span.Slice(s * size, size), width);
        }
        return new SampleFidelity(nearest, pieces);
    }

    /// <summary>The median of <see cref="NearestIoU"/>.</summary>
    public double MedianNearestIoU => Quantile(0.5);

    /// <summary>The <paramref name="p"/>-quantile (nearest rank) of <see cref="NearestIoU"/>.</summary>
    public double Quantile(double p)
    {
        var sorted = NearestIoU.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Share of samples whose inside is one piece.</summary>
    public double OnePieceShare => Pieces.Count(p => p == 1) / (double)Pieces.Length;

    /// <summary>Share of samples in one piece whose nearest IoU is at least <paramref name="threshold"/>: the digit-like share.</summary>
    public double ShareLike(double threshold) => Enumerable.Range(0, Pieces.Length).Count(i => Pieces[i] == 1 && NearestIoU[i] >= threshold) / (double)Pieces.Length;

    /// <summary>One bit per value, set where the value is inside (&lt; 0); rows of whole 64-bit words.</summary>
    private static ulong[][] InsideMasks(Tensor<float> fields, int size)
    {
        int words = (size + 63) / 64;
        var masks = new ulong[fields.Shape[0]][];
        for (int f = 0; f < masks.Length; f++)
        {
            var values = fields.Span.Slice(f * size, size);
            var mask = new ulong[words];
            for (int i = 0; i < size; i++)
                if (values[i] < 0f) mask[i >> 6] |= 1UL << (i & 63);
            masks[f] = mask;
        }
        return masks;
    }

    /// <summary>The largest IoU of <paramref name="mask"/> with any reference; both empty counts as 1, as in <see cref="SdfMetrics.InsideIoU(ReadOnlySpan{float}, ReadOnlySpan{float})"/>.</summary>
    private static double BestOverlap(ulong[] mask, ulong[][] references)
    {
        double best = 0;
        foreach (var reference in references)
        {
            int intersection = 0, union = 0;
            for (int w = 0; w < mask.Length; w++)
            {
                intersection += BitOperations.PopCount(mask[w] & reference[w]);
                union += BitOperations.PopCount(mask[w] | reference[w]);
            }
            best = Math.Max(best, union == 0 ? 1 : (double)intersection / union);
        }
        return best;
    }

    /// <summary>The number of 4-connected pieces of the inside region of one field of rows <paramref name="width"/> long.</summary>
    private static int InsidePieces(ReadOnlySpan<float> field, int width)
    {
        var seen = new bool[field.Length];
        var stack = new Stack<int>();
        int pieces = 0;
        for (int start = 0; start < field.Length; start++)
        {
            if (seen[start] || field[start] >= 0f) continue;
            pieces++;
            seen[start] = true;
            stack.Push(start);
            while (stack.TryPop(out int i))
            {
                int x = i % width;
                if (x > 0) Visit(i - 1, field, seen, stack);
                if (x < width - 1) Visit(i + 1, field, seen, stack);
                if (i >= width) Visit(i - width, field, seen, stack);
                if (i + width < field.Length) Visit(i + width, field, seen, stack);
            }
        }
        return pieces;
    }

    private static void Visit(int i, ReadOnlySpan<float> field, bool[] seen, Stack<int> stack)
    {
        if (seen[i] || field[i] >= 0f) return;
        seen[i] = true;
        stack.Push(i);
    }
}
