namespace SdfLearn.Core.Kernels;

/// <summary>
/// One phase of a convolution's input gradient taken directly: the input pixels (y, x) with (y + PaddingHeight) mod
/// StrideHeight = <see cref="RowPhase"/> and (x + PaddingWidth) mod StrideWidth = <see cref="ColumnPhase"/>. Only the
/// taps ky = RowPhase + StrideHeight * j, kx = ColumnPhase + StrideWidth * i reach them, from output pixel
/// (a - j, b - i) where a = (y + PaddingHeight) / StrideHeight and b = (x + PaddingWidth) / StrideWidth: a stride-1
/// correlation of the output gradient with a sub-kernel, so no scatter is needed. Stride 1 has one phase (the
/// kernel rotated by 180 degrees).
/// </summary>
internal readonly struct InputGradientPhase
{
    /// <summary>Phase <paramref name="rowPhase"/>, <paramref name="columnPhase"/> of <paramref name="s"/>.</summary>
    public InputGradientPhase(in Conv2dShape s, int rowPhase, int columnPhase)
    {
        RowPhase = rowPhase;
        ColumnPhase = columnPhase;
        FirstRow = ((rowPhase - s.PaddingHeight) % s.StrideHeight + s.StrideHeight) % s.StrideHeight;
        FirstColumn = ((columnPhase - s.PaddingWidth) % s.StrideWidth + s.StrideWidth) % s.StrideWidth;
        Rows = FirstRow < s.InHeight ? (s.InHeight - FirstRow + s.StrideHeight - 1) / s.StrideHeight : 0;
        Columns = FirstColumn < s.InWidth ? (s.InWidth - FirstColumn + s.StrideWidth - 1) / s.StrideWidth : 0;
        KernelRows = rowPhase < s.KernelHeight ? (s.KernelHeight - rowPhase + s.StrideHeight - 1) / s.StrideHeight : 0;
        KernelColumns = columnPhase < s.KernelWidth ? (s.KernelWidth - columnPhase + s.StrideWidth - 1) / s.StrideWidth : 0;
        Taps = s.OutChannels * KernelRows * KernelColumns;
        FirstA = (FirstRow + s.PaddingHeight) / s.StrideHeight;
        FirstB = (FirstColumn + s.PaddingWidth) / s.StrideWidth;
    }

    /// <summary>(y + PaddingHeight) mod StrideHeight of the phase's pixels.</summary>
    public int RowPhase { get; }
    /// <summary>(x + PaddingWidth) mod StrideWidth of the phase's pixels.</summary>
    public int ColumnPhase { get; }
    /// <summary>The first input row of the phase.</summary>
    public int FirstRow { get; }
    /// <summary>The first input column of the phase.</summary>
    public int FirstColumn { get; }
    /// <summary>Input rows of the phase, StrideHeight apart.</summary>
    public int Rows { get; }
    /// <summary>Input columns of the phase, StrideWidth apart.</summary>
    public int Columns { get; }
    /// <summary>Sub-kernel rows (j): the ky that reach the phase.</summary>
    public int KernelRows { get; }
    /// <summary>Sub-kernel columns (i): the kx that reach the phase.</summary>
    public int KernelColumns { get; }
    /// <summary>Taps (output channel, j, i) of the sub-kernel.</summary>
    public int Taps { get; }
    /// <summary>a of the phase's first row.</summary>
    public int FirstA { get; }
    /// <summary>b of the phase's first column.</summary>
    public int FirstB { get; }
}
