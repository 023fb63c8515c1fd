using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The taps of a one-input-channel convolution's input gradient, all its output phases at once (strides 1 or 2). Input
/// pixel (y, x) = (sy * a + qy, sx * b + qx) receives gradient pixel (a + dy, b + dx) of output channel co through
/// tap (ky, kx) = (qy + PaddingHeight - sy * dy, qx + PaddingWidth - sx * dx) when that tap exists (the definition
/// y = sy * oy - PaddingHeight + ky solved for oy). So for a block of pixels (a, b..b+15) every phase (qy, qx) reads
/// the same runs of a padded gradient, at (a + dy, b + dx), with its own weight, zero where it has no such tap: the
/// phases are <see cref="PixelVectorTile"/>'s weight columns (qy * sx + qx), and the result needs no scatter.
/// </summary>
internal readonly struct OutputPhaseTaps
{
    private readonly Conv2dShape _s;

    public OutputPhaseTaps(in Conv2dShape s)
    {
        _s = s;
        (int dyMin, int dyMax) = Shifts(s.StrideHeight, s.PaddingHeight, s.KernelHeight);
        (int dxMin, int dxMax) = Shifts(s.StrideWidth, s.PaddingWidth, s.KernelWidth);
        // Columns are padded only on the left (PadRows shifts rows right), so dx starts at 0 at most.
        dxMin = Math.Min(dxMin, 0);
        DyMin = dyMin;
        DxMin = dxMin;
        DxMax = dxMax;
        Rows = (s.InHeight + s.StrideHeight - 1) / s.StrideHeight;
        Columns = (s.InWidth + s.StrideWidth - 1) / s.StrideWidth;
        PaddedRows = Rows + dyMax - dyMin;
        PaddedWidth = Columns + dxMax - dxMin;
        DyCount = dyMax - dyMin + 1;
    }

    /// <summary>Rows a of the phases (the largest phase's).</summary>
    public int Rows { get; }

    /// <summary>Columns b of the phases (the largest phase's).</summary>
    public int Columns { get; }

    /// <summary>Gradient row of the padded copy's row 0.</summary>
    public int DyMin { get; }

    /// <summary>Zeros left of each padded row (-DxMin).</summary>
    public int Left => -DxMin;

    private int DxMin { get; }
    private int DxMax { get; }
    private int DyCount { get; }

    /// <summary>Rows of each channel of the padded gradient.</summary>
    public int PaddedRows { get; }

    /// <summary>Elements of each padded row.</summary>
    public int PaddedWidth { get; }

    /// <summary>Elements of the padded gradient of one image.</summary>
    public int PaddedLength => _s.OutChannels * PaddedRows * PaddedWidth;

    /// <summary>Union taps (co, dy, dx), an upper bound on what <see cref="Fill{T}"/> writes.</summary>
    public int MaxTaps => _s.OutChannels * DyCount * (DxMax - DxMin + 1);

    /// <summary>
    /// Writes the taps some phase uses: offsets[n] into the padded gradient (relative to pixel (a, b)'s position a *
    /// <see cref="PaddedWidth"/> + b) and weights[n * 4 + qy * sx + qx] (zero where a phase has no such tap); returns
    /// how many.
    /// </summary>
    public int Fill<T>(ReadOnlySpan<T> weight, Span<int> offsets, Span<T> weights) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int sy = _s.StrideHeight, sx = _s.StrideWidth, kh = _s.KernelHeight, kw = _s.KernelWidth, plane = PaddedRows * PaddedWidth, n = 0;
        for (int co = 0; co < _s.OutChannels; co++)
        for (int dy = DyMin; dy < DyMin + DyCount; dy++)
        for (int dx = DxMin; dx <= DxMax; dx++)
        {
            var row = weights.Slice(n * PixelVectorTile.Columns, PixelVectorTile.Columns);
            row.Clear();
            bool used = false;
            for (int qy = 0; qy < sy; qy++)
            for (int qx = 0; qx < sx; qx++)
            {
                int ky = qy + _s.PaddingHeight - sy * dy, kx = qx + _s.PaddingWidth - sx * dx;
                if (ky < 0 || ky >= kh || kx < 0 || kx >= kw) continue;
                row[qy * sx + qx] = weight[(co * kh + ky) * kw + kx];
                used = true;
            }
            if (used) offsets[n++] = co * plane + (dy - DyMin) * PaddedWidth + dx - DxMin;
        }
        return n;
    }

    /// <summary>The smallest and largest shift d = (q + padding - k) / stride over phases q and taps k that divide.</summary>
    private static (int Min, int Max) Shifts(int stride, int padding, int kernel)
    {
        int min = int.MaxValue, max = int.MinValue;
        for (int q = 0; q < stride; q++)
        for (int k = 0; k < kernel; k++)
        {
            if ((q + padding - k) % stride != 0) continue;
            int d = (q + padding - k) / stride;
            min = Math.Min(min, d);
            max = Math.Max(max, d);
        }
        return (min, max);
    }
}
