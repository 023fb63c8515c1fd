using SdfLearn.Core;

namespace SdfLearn.Autodiff;

/// <summary>
/// NumPy-style broadcasting of two shapes: dimensions are aligned from the right, and each pair must be equal or
/// contain a 1 (which is repeated). Maps each output element to the element of each operand it reads.
/// </summary>
internal sealed class Broadcast
{
    private readonly int[] _dims;
    private readonly int[] _strideA;
    private readonly int[] _strideB;

    private Broadcast(Shape output, int[] strideA, int[] strideB)
    {
        Output = output;
        _dims = output.Dims.ToArray();
        _strideA = strideA;
        _strideB = strideB;
    }

    /// <summary>The broadcast result shape.</summary>
    public Shape Output { get; }

    /// <summary>Resolves the broadcast of <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <exception cref="ShapeMismatchException">A dimension pair differs and neither is 1; the message names both shapes.</exception>
    public static Broadcast Of(string op, Shape a, Shape b)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        var strideA = new int[rank];
        var strideB = new int[rank];
        int runA = 1, runB = 1;
        for (int i = rank - 1; i >= 0; i--)
        {
            int da = DimFromRight(a, rank - 1 - i), db = DimFromRight(b, rank - 1 - i);
            if (da != db && da != 1 && db != 1)
                throw new ShapeMismatchException(
                    $"{op}: shapes {a} and {b} cannot be broadcast together (dimension {i - rank} is {da} vs {db}).");
            dims[i] = Math.Max(da, db);
            strideA[i] = da == 1 ? 0 : runA;
            strideB[i] = db == 1 ? 0 : runB;
            runA *= da;
            runB *= db;
        }
        return new Broadcast(new Shape(dims), strideA, strideB);
    }

    /// <summary>
    /// When the operands have equal shapes, or one of them (leading 1s aside, and of no higher rank) equals the other's
    /// trailing dimensions — [N, C] and [C], [B, C, H, W] and [1, C, H, W] — the smaller one repeats as a contiguous
    /// tile along the larger: returns the tile length (the whole length for equal shapes), else 0.
    /// </summary>
    /// <param name="a">The first operand's shape.</param>
    /// <param name="b">The second operand's shape.</param>
    /// <param name="aIsTile">Whether <paramref name="a"/> is the repeated operand (false for equal shapes).</param>
    public static int TileLength(Shape a, Shape b, out bool aIsTile)
    {
        aIsTile = false;
        if (a == b) return a.Length;
        aIsTile = a.Length < b.Length;
        var (small, large) = aIsTile ? (a, b) : (b, a);
        if (small.Rank > large.Rank || large.Length % small.Length != 0) return 0;
        int skip = 0;
        while (skip < small.Rank && small[skip] == 1) skip++;
        var trailing = small.Dims[skip..];
        return large.Dims[(large.Rank - trailing.Length)..].SequenceEqual(trailing) ? small.Length : 0;
    }

    /// <summary>The offsets into each operand read by output element <paramref name="index"/>.</summary>
    public void Offsets(int index, out int offsetA, out int offsetB)
    {
        offsetA = 0;
        offsetB = 0;
        for (int i = _dims.Length - 1; i >= 0; i--)
        {
            int coordinate = index % _dims[i];
            index /= _dims[i];
            offsetA += coordinate * _strideA[i];
            offsetB += coordinate * _strideB[i];
        }
    }

    private static int DimFromRight(Shape shape, int fromRight) => fromRight < shape.Rank ? shape[shape.Rank - 1 - fromRight] : 1;
}
