using System.Numerics;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// The F(2x2, 3x3) tiles of one image of a stride-1 3x3 convolution: 2x2 output tiles (the last row and column
/// partial for odd sizes), each reading a 4x4 patch of a zero-padded, pixel-major copy of the input whose channels are
/// padded to whole vectors.
/// </summary>
internal readonly struct WinogradTiles
{
    /// <summary>The tiles of <paramref name="s"/>, with vectors of <paramref name="width"/> channels.</summary>
    public WinogradTiles(in Conv2dShape s, int width)
    {
        Rows = (s.OutHeight + 1) / 2;
        Columns = (s.OutWidth + 1) / 2;
        PaddedRows = 2 * Rows + 2;
        PaddedColumns = 2 * Columns + 2;
        Channels = (s.InChannels + width - 1) / width * width;
    }

    /// <summary>Rows of tiles.</summary>
    public int Rows { get; }

    /// <summary>Tiles per row.</summary>
    public int Columns { get; }

    /// <summary>Rows of the padded input: the image, its padding, and zeros that complete the last tiles.</summary>
    public int PaddedRows { get; }

    /// <summary>Columns of the padded input.</summary>
    public int PaddedColumns { get; }

    /// <summary>Input channels rounded up to whole vectors: the padded input's and the transformed tiles' row length.</summary>
    public int Channels { get; }

    /// <summary>Elements of the padded input.</summary>
    public int PaddedLength => PaddedRows * PaddedColumns * Channels;

    /// <summary>Elements of the scratch <see cref="Pad{T}"/> moves the image through: its pixels, <see cref="Channels"/> each.</summary>
    public int PixelsLength(in Conv2dShape s) => s.InHeight * s.InWidth * Channels;

    /// <summary>
    /// padded[(y + PaddingHeight) * PaddedColumns + x + PaddingWidth, c] = image[c, y, x], zero elsewhere (the
    /// border, the rows and columns that complete the last tiles, and the channels past the last). The image is first
    /// moved whole into <paramref name="pixels"/> (<see cref="PixelsLength"/> elements), which reads each channel
    /// plane in one sequential run; moved row by row, the reads jumped between all the planes and this step took 12%
    /// of enc4's forward pass on one thread.
    /// </summary>
    public unsafe void Pad<T>(in Conv2dShape s, T* image, T* pixels, T* padded) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ChannelsToPixels.Move(image, s.InHeight * s.InWidth, s.InHeight * s.InWidth, s.InChannels, Channels, pixels);
        int rowLength = PaddedColumns * Channels, imageRow = s.InWidth * Channels;
        new Span<T>(padded, s.PaddingHeight * rowLength).Clear();
        for (int y = 0; y < s.InHeight; y++)
        {
            T* row = padded + (long)(y + s.PaddingHeight) * rowLength;
            new Span<T>(row, s.PaddingWidth * Channels).Clear();
            new ReadOnlySpan<T>(pixels + (long)y * imageRow, imageRow).CopyTo(new Span<T>(row + s.PaddingWidth * Channels, imageRow));
            int right = s.PaddingWidth + s.InWidth;
            new Span<T>(row + right * Channels, (PaddedColumns - right) * Channels).Clear();
        }
        int bottom = s.PaddingHeight + s.InHeight;
        new Span<T>(padded + (long)bottom * rowLength, (PaddedRows - bottom) * rowLength).Clear();
    }

    /// <summary>
    /// transformed[ξ * elementStride + tile * <see cref="Channels"/> + c] = element ξ of the input transform of the
    /// tiles in rows [<paramref name="firstRow"/>, + <paramref name="rows"/>), numbered row by row from 0.
    /// </summary>
    public unsafe void TransformInputs<T, TVector, TLanes>(T* padded, int firstRow, int rows, T* transformed, int elementStride)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : unmanaged
        where TLanes : ISimdLanes<T, TVector>
    {
        for (int r = 0; r < rows; r++)
        for (int x = 0; x < Columns; x++)
        {
            T* patch = padded + ((long)2 * (firstRow + r) * PaddedColumns + 2 * x) * Channels;
            T* tile = transformed + (r * Columns + x) * Channels;
            for (int c = 0; c < Channels; c += TLanes.Width)
                WinogradTransforms<T, TVector, TLanes>.Input(patch + c, PaddedColumns * Channels, Channels, tile + c, elementStride);
        }
    }
}
