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
