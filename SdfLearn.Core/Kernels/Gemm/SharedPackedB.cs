using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// op(B)[0..k, columnStart .. +columnCount] packed as KC-deep slices of NR-wide micro-panels, filled on demand by
/// whichever thread first needs a panel. Threads never wait at a barrier between packing and computing: a panel
/// being packed by another thread is waited for only while that thread is actively copying it, and a panel no
/// thread has claimed is packed by the one asking. Packing is a plain copy, so who packs it never changes results.
/// When a single thread uses it, each slice is packed whole on the first request instead.
/// </summary>
internal readonly unsafe struct SharedPackedB<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Unpacked = 0, Packing = 1, Packed = 2;

    private readonly T* _b;
    private readonly bool _transposed;
    private readonly int _n, _k, _columnStart, _columnCount, _kc, _nr, _panels;
    private readonly bool _wholeSlices;
    private readonly T* _buffer;
    private readonly int[] _states;

    /// <param name="b">B as stored: k x n, or n x k when <paramref name="transposed"/>.</param>
    /// <param name="kc">KC: depth of a slice (the last may be shallower).</param>
    /// <param name="nr">NR: width of a micro-panel.</param>
    /// <param name="wholeSlices">
    /// Only one thread will ask for panels: the first request in a slice packs all of the slice's panels in one pass
    /// along the rows of B. Packing each panel just before its tiles, between stretches of FMAs, took 6.2 % of a
    /// one-thread 512³ call and 4.4 % at 1024³; in one pass 2.9 % and 1.2 % (docs/benchmarks.md, Session 13).
    /// </param>
    public SharedPackedB(T* b, bool transposed, int n, int k, int columnStart, int columnCount, int kc, int nr, bool wholeSlices)
    {
        _b = b;
        _wholeSlices = wholeSlices;
        (_transposed, _n, _k, _columnStart, _columnCount, _kc, _nr) = (transposed, n, k, columnStart, columnCount, kc, nr);
        _panels = (columnCount + nr - 1) / nr;
        _buffer = PackingBuffer<T>.ForB(checked(_panels * nr * k));
        _states = PackingBuffer<T>.PanelStates(Slices * _panels);
    }

    /// <summary>Number of micro-panels across the columns.</summary>
    public int Panels => _panels;

    /// <summary>Number of columns packed (the block's width).</summary>
    public int Columns => _columnCount;

    /// <summary>KC: k steps per slice (the last slice may have fewer).</summary>
    public int SliceDepth => _kc;

    /// <summary>Number of KC slices along k.</summary>
    public int Slices => (_k + _kc - 1) / _kc;

    /// <summary>Micro-panel <paramref name="panel"/> of slice <paramref name="slice"/>, packing it first if no thread has.</summary>
    public T* Panel(int slice, int panel)
    {
        int kStart = slice * _kc;
        int kc = Math.Min(_kc, _k - kStart);
        T* sliceStart = _buffer + (long)kStart * _panels * _nr;
        T* address = sliceStart + (long)panel * _nr * kc;
        ref int state = ref _states[slice * _panels + panel];
        if (Volatile.Read(ref state) == Packed) return address;
        if (_wholeSlices)
        {
            GemmPacking.PackB(_b, _transposed, _n, _k, _columnStart, _columnCount, kStart, kc, _nr, 0, _panels, sliceStart);
            Array.Fill(_states, Packed, slice * _panels, _panels);
            return address;
        }
        if (Interlocked.CompareExchange(ref state, Packing, Unpacked) == Unpacked)
        {
            GemmPacking.PackB(_b, _transposed, _n, _k, _columnStart, _columnCount, kStart, kc, _nr, panel, panel + 1, sliceStart);
            Volatile.Write(ref state, Packed);
            return address;
        }
        var spinner = new SpinWait();
        while (Volatile.Read(ref state) != Packed) spinner.SpinOnce(sleep1Threshold: -1);
        return address;
    }
}
