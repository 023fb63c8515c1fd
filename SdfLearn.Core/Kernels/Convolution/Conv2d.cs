using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// 2D convolution (cross-correlation, as in PyTorch) over NCHW spans: forward and both gradients, as im2col + GEMM.
/// Per image, with K = InC*KH*KW and P = OutH*OutW: output [OutC, P] = weight [OutC, K] * columns [K, P];
/// gradColumns = weight^T * gradOutput, then col2im; gradWeight = sum over images of gradOutput * columns^T.
/// Small images are batched into one GEMM (see <see cref="ColumnLayout"/>). Results are identical for any
/// <see cref="ComputeThreads.MaxThreads"/>.
/// </summary>
public static class Conv2d
{
    /// <summary>output [+]= conv(input, weight) + bias. <paramref name="bias"/> may be empty (no bias).</summary>
    /// <param name="shape">The convolution's geometry.</param>
    /// <param name="input">[N, InC, H, W].</param>
    /// <param name="weight">[OutC, InC, KH, KW].</param>
    /// <param name="bias">[OutC], or empty.</param>
    /// <param name="output">[N, OutC, OutH, OutW].</param>
    /// <param name="accumulate">Add to <paramref name="output"/> instead of overwriting it.</param>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="shape"/>.</exception>
    public static void Forward<T>(in Conv2dShape shape, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanLength.Require(input.Length, shape.InputShape, "Input", nameof(input));
        SpanLength.Require(weight.Length, shape.WeightShape, "Weight", nameof(weight));
        SpanLength.Require(output.Length, shape.OutputShape, "Output", nameof(output));
        if (!bias.IsEmpty) SpanLength.Require(bias.Length, new Shape(shape.OutChannels), "Bias", nameof(bias));

        var s = shape;
        var layout = ColumnLayout.For<T>(s);
        int k = layout.Rows, pixels = layout.Pixels, group = layout.Group, inImage = layout.InputImage, outImage = layout.OutputImage;
        T[] columns = ArrayPool<T>.Shared.Rent(layout.ColumnsLength);
        T[] product = ArrayPool<T>.Shared.Rent(layout.ChannelMajorLength);
        try
        {
            for (int first = 0; first < s.Batch; first += group)
            {
                int count = Math.Min(group, s.Batch - first), n = count * pixels;
                var cols = columns.AsSpan(0, k * n);
                GatherColumns(s, input.Slice(first * inImage, count * inImage), count, cols);
                var outputs = output.Slice(first * outImage, count * outImage);
                if (count == 1)
                {
                    Gemm.Multiply(weight, false, cols, false, outputs, s.OutChannels, pixels, k, accumulate);
                    if (!bias.IsEmpty) ChannelBias.Add(outputs, bias, pixels);
                }
                else
                {
                    var channelMajor = product.AsSpan(0, s.OutChannels * n);
                    Gemm.Multiply(weight, false, cols, false, channelMajor, s.OutChannels, n, k);
                    ImageGroups.ToImages<T>(channelMajor, count, s.OutChannels, pixels, bias, outputs, accumulate);
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(columns);
            ArrayPool<T>.Shared.Return(product);
        }
    }

    /// <summary>gradInput [+]= d(loss)/d(input) given d(loss)/d(output).</summary>
    /// <param name="shape">The convolution's geometry.</param>
    /// <param name="gradOutput">[N, OutC, OutH, OutW].</param>
    /// <param name="weight">[OutC, InC, KH, KW].</param>
    /// <param name="gradInput">[N, InC, H, W].</param>
    /// <param name="accumulate">Add to <paramref name="gradInput"/> instead of overwriting it.</param>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="shape"/>.</exception>
    public static void BackwardInput<T>(in Conv2dShape shape, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanLength.Require(gradOutput.Length, shape.OutputShape, "Output gradient", nameof(gradOutput));
        SpanLength.Require(weight.Length, shape.WeightShape, "Weight", nameof(weight));
        SpanLength.Require(gradInput.Length, shape.InputShape, "Input gradient", nameof(gradInput));

        var s = shape;
        var layout = ColumnLayout.For<T>(s);
        int k = layout.Rows, pixels = layout.Pixels, group = layout.Group, inImage = layout.InputImage, outImage = layout.OutputImage;
        T[] columns = ArrayPool<T>.Shared.Rent(layout.ColumnsLength);
        T[] gathered = ArrayPool<T>.Shared.Rent(layout.ChannelMajorLength);
        try
        {
            for (int first = 0; first < s.Batch; first += group)
            {
                int count = Math.Min(group, s.Batch - first), n = count * pixels;
                var cols = columns.AsSpan(0, k * n);
                var gradOutputs = ChannelMajor(gradOutput.Slice(first * outImage, count * outImage), count, s.OutChannels, pixels, gathered);
                Gemm.Multiply(weight, true, gradOutputs, false, cols, k, n, s.OutChannels);
                ScatterColumns(s, cols, count, gradInput.Slice(first * inImage, count * inImage), accumulate);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(columns);
            ArrayPool<T>.Shared.Return(gathered);
        }
    }

    /// <summary>
    /// gradWeight [+]= d(loss)/d(weight) and, when <paramref name="gradBias"/> is not empty, gradBias [+]= d(loss)/d(bias).
    /// Images are summed in a fixed order.
    /// </summary>
    /// <param name="shape">The convolution's geometry.</param>
    /// <param name="input">[N, InC, H, W], the forward pass's input.</param>
    /// <param name="gradOutput">[N, OutC, OutH, OutW].</param>
    /// <param name="gradWeight">[OutC, InC, KH, KW].</param>
    /// <param name="gradBias">[OutC], or empty to skip the bias gradient.</param>
    /// <param name="accumulate">Add to the gradients instead of overwriting them.</param>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="shape"/>.</exception>
    public static void BackwardWeight<T>(in Conv2dShape shape, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight, Span<T> gradBias, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanLength.Require(input.Length, shape.InputShape, "Input", nameof(input));
        SpanLength.Require(gradOutput.Length, shape.OutputShape, "Output gradient", nameof(gradOutput));
        SpanLength.Require(gradWeight.Length, shape.WeightShape, "Weight gradient", nameof(gradWeight));
        if (!gradBias.IsEmpty) SpanLength.Require(gradBias.Length, new Shape(shape.OutChannels), "Bias gradient", nameof(gradBias));

        var s = shape;
        var layout = ColumnLayout.For<T>(s);
        int k = layout.Rows, pixels = layout.Pixels, group = layout.Group, inImage = layout.InputImage, outImage = layout.OutputImage;
        // With few taps per output channel (a one-channel input: K = 9) the GEMM's register tile would be mostly
        // padding and its k = N * P would be cut into hundreds of slices; dot products of contiguous rows do better,
        // and sum the bias gradient while each row is in cache.
        bool byDots = k < DotProductTaps;
        if (!byDots && !gradBias.IsEmpty) ChannelBias.SumInto(gradOutput, s.Batch, pixels, gradBias, accumulate);
        T[] columns = ArrayPool<T>.Shared.Rent(layout.ColumnsLength);
        T[] gathered = ArrayPool<T>.Shared.Rent(byDots ? 0 : layout.ChannelMajorLength);
        // gradWeight^T [K, OutC] = columns * gradOutput^T, transposed at the end: on the reference layers this GEMM
        // measured 5-25% faster than gradOutput * columns^T, whose transposed operand would be the big one.
        T[] gradWeightTransposed = ArrayPool<T>.Shared.Rent(byDots ? 0 : s.WeightLength);
        try
        {
            for (int first = 0; first < s.Batch; first += group)
            {
                int count = Math.Min(group, s.Batch - first), n = count * pixels;
                var cols = columns.AsSpan(0, k * n);
                GatherColumns(s, input.Slice(first * inImage, count * inImage), count, cols);
                var gradOutputs = gradOutput.Slice(first * outImage, count * outImage);
                if (byDots)
                {
                    AddWeightGradientByDots(s, cols, count, gradOutputs, gradWeight, gradBias, accumulate || first > 0);
                    continue;
                }
                var channelMajor = ChannelMajor(gradOutputs, count, s.OutChannels, pixels, gathered);
                Gemm.Multiply(cols, false, channelMajor, true, gradWeightTransposed, k, s.OutChannels, n, first > 0);
            }
            if (!byDots) AddTransposed(gradWeightTransposed.AsSpan(0, s.WeightLength), k, s.OutChannels, gradWeight, accumulate);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(columns);
            ArrayPool<T>.Shared.Return(gathered);
            ArrayPool<T>.Shared.Return(gradWeightTransposed);
        }
    }

    /// <summary>destination [columns, rows] [+]= source [rows, columns] transposed.</summary>
    private static void AddTransposed<T>(ReadOnlySpan<T> source, int rows, int columns, Span<T> destination, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int c = 0; c < columns; c++)
        for (int r = 0; r < rows; r++)
        {
            T value = source[r * columns + c];
            destination[c * rows + r] = accumulate ? destination[c * rows + r] + value : value;
        }
    }

    /// <summary>Column-matrix rows below which the weight gradient is taken by dot products instead of a GEMM.</summary>
    private const int DotProductTaps = 16;

    /// <summary>
    /// gradWeight[co, r] [+]= sum over the group's images of dot(gradOutput[image, co, :], columns[r, image's pixels]),
    /// and gradBias[co] [+]= the sum of those gradient rows when the bias gradient is not empty; one parallel chunk
    /// per output channel, images added in order.
    /// </summary>
    private static unsafe void AddWeightGradientByDots<T>(Conv2dShape s, ReadOnlySpan<T> columns, int count, ReadOnlySpan<T> gradOutputs,
        Span<T> gradWeight, Span<T> gradBias, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* columnsPtr = columns)
        fixed (T* gradOutputsPtr = gradOutputs)
        fixed (T* gradWeightPtr = gradWeight)
        fixed (T* gradBiasPtr = gradBias)
        {
            var dots = new WeightGradientDots<T>(s, columnsPtr, columns.Length, count, gradOutputsPtr, gradOutputs.Length,
                gradWeightPtr, gradBias.IsEmpty ? null : gradBiasPtr, accumulate);
            ComputeThreads.For(s.OutChannels, ref dots);
        }
    }

    /// <summary>One output channel of <see cref="AddWeightGradientByDots"/>.</summary>
    private readonly unsafe struct WeightGradientDots<T>(Conv2dShape s, T* columns, int columnsLength, int count, T* gradOutputs,
        int gradOutputsLength, T* gradWeight, T* gradBias, bool accumulate) : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int channel)
        {
            int taps = s.InChannels * s.KernelHeight * s.KernelWidth, pixels = s.OutHeight * s.OutWidth, rowStride = count * pixels;
            bool withBias = gradBias != null;
            var sums = new Span<T>(gradWeight + (long)channel * taps, taps);
            if (!accumulate) sums.Clear();
            T biasSum = accumulate && withBias ? gradBias[channel] : T.Zero;
            var allColumns = new ReadOnlySpan<T>(columns, columnsLength);
            for (int image = 0; image < count; image++)
            {
                var gradRow = new ReadOnlySpan<T>(gradOutputs, gradOutputsLength).Slice((image * s.OutChannels + channel) * pixels, pixels);
                for (int r = 0; r < taps; r++)
                    sums[r] += TensorPrimitives.Dot(gradRow, allColumns.Slice(r * rowStride + image * pixels, pixels));
                if (withBias) biasSum += TensorPrimitives.Sum(gradRow);
            }
            if (withBias) gradBias[channel] = biasSum;
        }
    }

    /// <summary>The group's gradient as [OutC, count * pixels]: in place for one image, else moved into <paramref name="scratch"/>.</summary>
    private static ReadOnlySpan<T> ChannelMajor<T>(ReadOnlySpan<T> images, int count, int channels, int pixels, T[] scratch)
        where T : unmanaged
    {
        if (count == 1) return images;
        var channelMajor = scratch.AsSpan(0, channels * count * pixels);
        ImageGroups.ToChannelMajor(images, count, channels, pixels, channelMajor);
        return channelMajor;
    }

    /// <summary>im2col for <paramref name="count"/> images side by side.</summary>
    private static unsafe void GatherColumns<T>(Conv2dShape s, ReadOnlySpan<T> images, int count, Span<T> columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* imagesPtr = images)
        fixed (T* columnsPtr = columns)
            MoveColumns(s, imagesPtr, images.Length, columnsPtr, columns.Length, count, toColumns: true, accumulate: false);
    }

    /// <summary>col2im for <paramref name="count"/> images side by side: images [+]= their columns folded back.</summary>
    private static unsafe void ScatterColumns<T>(Conv2dShape s, ReadOnlySpan<T> columns, int count, Span<T> images, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* columnsPtr = columns)
        fixed (T* imagesPtr = images)
            MoveColumns(s, imagesPtr, images.Length, columnsPtr, columns.Length, count, toColumns: false, accumulate);
    }

    /// <summary>
    /// im2col or col2im, one parallel chunk per (image, channel): each chunk owns one input plane and that plane's
    /// rows of its image's columns, so chunks never share a destination element. Pointers, because the chunks run
    /// in a lambda, which cannot capture spans; the callers keep the memory pinned.
    /// </summary>
    private static unsafe void MoveColumns<T>(Conv2dShape s, T* images, int imagesLength, T* columns, int columnsLength,
        int count, bool toColumns, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var move = new ColumnMove<T>(s, images, imagesLength, columns, columnsLength, count, toColumns, accumulate);
        ComputeThreads.For(count * s.InChannels, ref move);
    }

    /// <summary>One (image, channel) chunk of <see cref="MoveColumns"/>.</summary>
    private readonly unsafe struct ColumnMove<T>(Conv2dShape s, T* images, int imagesLength, T* columns, int columnsLength,
        int count, bool toColumns, bool accumulate) : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk)
        {
            int plane = s.InHeight * s.InWidth, pixels = s.OutHeight * s.OutWidth, rowStride = count * pixels;
            int image = chunk / s.InChannels, channel = chunk % s.InChannels;
            var planeSpan = new Span<T>(images, imagesLength).Slice(chunk * plane, plane);
            var imageColumns = new Span<T>(columns, columnsLength)[(image * pixels)..];
            if (toColumns)
            {
                Im2Col.Gather(s, planeSpan, channel, imageColumns, rowStride);
                return;
            }
            if (!accumulate) planeSpan.Clear();
            Im2Col.ScatterAdd(s, imageColumns, rowStride, channel, planeSpan);
        }
    }
}
