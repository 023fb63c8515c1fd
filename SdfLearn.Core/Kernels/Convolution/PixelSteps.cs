using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The vectors of output pixels a <see cref="PixelVectorTile"/> pass walks: a region of rows of
/// <c>width</c> pixels (at least one vector), row by row. A row that does not fill whole vectors ends with a vector
/// moved back to end at the row's end; its lanes already stored by the vector before are kept (<see cref="Store"/>),
/// so no load leaves the row and, with <c>accumulate</c>, nothing is added twice. The count is rounded up to whole
/// tiles; the extra steps read the last one's pixels and store nothing.
/// </summary>
internal readonly struct PixelSteps<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _width, _perRow, _real;

    public PixelSteps(int rows, int width)
    {
        int lanes = Vector512<T>.Count;
        _width = width;
        _perRow = (width + lanes - 1) / lanes;
        _real = rows * _perRow;
        Count = (_real + PixelVectorTile.Steps - 1) / PixelVectorTile.Steps * PixelVectorTile.Steps;
        TailLanes = Vector512.GreaterThanOrEqual(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(_perRow * lanes - width)));
    }

    /// <summary>Steps, whole tiles.</summary>
    public int Count { get; }

    /// <summary>The lanes a row's last vector stores when the row does not fill whole vectors (the others were stored).</summary>
    public Vector512<T> TailLanes { get; }

    /// <summary>Whether <paramref name="step"/> only rounds the count up to whole tiles.</summary>
    public bool IsPadding(int step) => step >= _real;

    /// <summary>Whether <paramref name="step"/> stores all its lanes, not only <see cref="TailLanes"/>.</summary>
    public bool IsFull(int step) => step % _perRow < _perRow - 1 || _width % Vector512<T>.Count == 0;

    /// <summary>The row of <paramref name="step"/>.</summary>
    public int Row(int step) => Math.Min(step, _real - 1) / _perRow;

    /// <summary>The first pixel of <paramref name="step"/> within its row.</summary>
    public int Column(int step) => Math.Min(Math.Min(step, _real - 1) % _perRow * Vector512<T>.Count, _width - Vector512<T>.Count);

    /// <summary>Where <paramref name="step"/>'s pixels start in a source whose rows are <paramref name="rowStride"/> apart.</summary>
    public int Offset(int step, int rowStride) => Row(step) * rowStride + Column(step);

    /// <summary>
    /// destination [+]= value in the lanes set in <paramref name="lanes"/> (all of them when <paramref name="full"/>);
    /// the other lanes keep what is there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store(T* destination, Vector512<T> value, bool full, Vector512<T> lanes, bool accumulate)
    {
        if (accumulate || !full)
        {
            Vector512<T> existing = Vector512.Load(destination);
            if (accumulate) value += existing;
            if (!full) value = Vector512.ConditionalSelect(lanes, value, existing);
        }
        value.Store(destination);
    }
}
