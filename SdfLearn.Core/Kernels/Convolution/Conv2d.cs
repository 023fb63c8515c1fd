using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// 2D convolution (cross-correlation, as in PyTorch) over NCHW spans: forward and both gradients. Each pass runs as a
/// direct convolution (<see cref="DirectConv2d"/>; stride-1 3x3 forward passes and input gradients by
/// <see cref="WinogradConv2d"/>; with few taps per output channel <see cref="FewTapsForward"/> and
/// <see cref="FewTapsWeightGradient"/>, with one input channel <see cref="OneChannelInputGradient"/>) where the
/// hardware and shape allow, else as im2col + GEMM.
/// Per image, with K = InC*KH*KW and P = OutH*OutW: output [OutC, P] = weight [OutC, K] * columns [K, P];
/// gradColumns = weight^T * gradOutput, then col2im; gradWeight = sum over images of gradOutput * columns^T.
/// Small images are batched into one GEMM (see <see cref="ColumnLayout"/>). Each pass is one parallel region over
/// image groups: a thread gathers, multiplies and scatters whole groups in its own cache-sized scratch. Results are
/// identical for any <see cref="ComputeThreads.MaxThreads"/>.
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
    public static unsafe void Forward<T>(in Conv2dShape shape, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> output, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (input.Length != shape.InputLength) SpanLength.Throw(input.Length, shape.InputShape, "Input", nameof(input));
        if (weight.Length != shape.WeightLength) SpanLength.Throw(weight.Length, shape.WeightShape, "Weight", nameof(weight));
        if (output.Length != shape.OutputLength) SpanLength.Throw(output.Length, shape.OutputShape, "Output", nameof(output));
        if (!bias.IsEmpty && bias.Length != shape.OutChannels) SpanLength.Throw(bias.Length, new Shape(shape.OutChannels), "Bias", nameof(bias));

        if (FewTapsForward.Supports<T>(shape))
        {
            FewTapsForward.Forward(shape, input, weight, bias, output, accumulate);
            return;
        }
        if (WinogradConv2d.Supports<T>(shape))
        {
            WinogradConv2d.Forward(shape, input, weight, bias, output, accumulate);
            return;
        }
        if (DirectConv2d.Supports<T>(shape))
        {
            DirectConv2d.Forward(shape, input, weight, bias, output, accumulate);
            return;
        }
        var layout = ColumnLayout.For<T>(shape);
        fixed (T* inputPtr = input)
        fixed (T* weightPtr = weight)
        fixed (T* biasPtr = bias)
        fixed (T* outputPtr = output)
        {
            var groups = new ForwardGroups<T>(shape, layout, inputPtr, weightPtr, bias.IsEmpty ? null : biasPtr, outputPtr, accumulate);
            ComputeThreads.For(layout.Groups, ref groups);
        }
    }

    /// <summary>One image group of <see cref="Forward"/>: im2col, GEMM, bias.</summary>
    private readonly unsafe struct ForwardGroups<T>(Conv2dShape s, ColumnLayout layout, T* input, T* weight, T* bias, T* output, bool accumulate)
        : IChunkBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int group)
        {
            using var scratch = new GroupScratch<T>(layout, group, withChannelMajor: true);
            int first = scratch.First, count = scratch.Count, n = scratch.Width, k = layout.Rows, pixels = layout.Pixels;
            var cols = scratch.ColumnMatrix;
            GatherColumns(s, new ReadOnlySpan<T>(input + (long)first * layout.InputImage, count * layout.InputImage), count, cols);
            var weights = new ReadOnlySpan<T>(weight, s.WeightLength);
            var biases = bias == null ? ReadOnlySpan<T>.Empty : new ReadOnlySpan<T>(bias, s.OutChannels);
            var outputs = new Span<T>(output + (long)first * layout.OutputImage, count * layout.OutputImage);
            if (count == 1)
            {
                Gemm.Multiply(weights, false, cols, false, outputs, s.OutChannels, pixels, k, accumulate);
                if (!biases.IsEmpty) ChannelBias.Add(outputs, biases, pixels);
                return;
            }
            var channelMajor = scratch.ChannelMajor.AsSpan(0, s.OutChannels * n);
            Gemm.Multiply(weights, false, cols, false, channelMajor, s.OutChannels, n, k);
            ImageGroups.ToImages<T>(channelMajor, count, s.OutChannels, pixels, biases, outputs, accumulate);
        }
    }

    /// <summary>
    /// Image group <c>group</c>'s images and its column-matrix and channel-major scratch, rented from
    /// <see cref="ArrayPool{T}.Shared"/> and returned on disposal.
    /// </summary>
    private readonly struct GroupScratch<T>(ColumnLayout layout, int group, bool withChannelMajor) : IDisposable
    {
        private readonly T[] _columns = ArrayPool<T>.Shared.Rent(layout.ColumnsLength);

        /// <summary>The group's first image.</summary>
        public int First { get; } = layout.ImagesOf(group).First;

        /// <summary>Images in the group.</summary>
        public int Count { get; } = layout.ImagesOf(group).Count;

        /// <summary>Columns of the group's column matrix: its images' output pixels side by side.</summary>
        public int Width => Count * layout.Pixels;

        /// <summary>The group's column matrix [K, <see cref="Width"/>].</summary>
        public Span<T> ColumnMatrix => _columns.AsSpan(0, layout.Rows * Width);

        public T[] ChannelMajor { get; } = ArrayPool<T>.Shared.Rent(withChannelMajor ? layout.ChannelMajorLength : 0);

        public void Dispose()
        {
            ArrayPool<T>.Shared.Return(_columns);
            ArrayPool<T>.Shared.Return(ChannelMajor);
        }
    }

    /// <summary>gradInput [+]= d(loss)/d(input) given d(loss)/d(output).</summary>
    /// <param name="shape">The convolution's geometry.</param>
    /// <param name="gradOutput">[N, OutC, OutH, OutW].</param>
    /// <param name="weight">[OutC, InC, KH, KW].</param>
    /// <param name="gradInput">[N, InC, H, W].</param>
    /// <param name="accumulate">Add to <paramref name="gradInput"/> instead of overwriting it.</param>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="shape"/>.</exception>
    public static unsafe void BackwardInput<T>(in Conv2dShape shape, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight, Span<T> gradInput, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (gradOutput.Length != shape.OutputLength) SpanLength.Throw(gradOutput.Length, shape.OutputShape, "Output gradient", nameof(gradOutput));
        if (weight.Length != shape.WeightLength) SpanLength.Throw(weight.Length, shape.WeightShape, "Weight", nameof(weight));
        if (gradInput.Length != shape.InputLength) SpanLength.Throw(gradInput.Length, shape.InputShape, "Input gradient", nameof(gradInput));

        if (OneChannelInputGradient.Supports<T>(shape))
        {
            OneChannelInputGradient.BackwardInput(shape, gradOutput, weight, ReadOnlySpan<T>.Empty, gradInput, accumulate);
            return;
        }
        if (WinogradConv2d.SupportsInputGradient<T>(shape))
        {
            WinogradConv2d.BackwardInput(shape, gradOutput, weight, ReadOnlySpan<T>.Empty, gradInput, accumulate);
            return;
        }
        if (DirectConv2d.SupportsInputGradient<T>(shape))
        {
            DirectConv2d.BackwardInput(shape, gradOutput, weight, ReadOnlySpan<T>.Empty, gradInput, accumulate);
            return;
        }
        var layout = ColumnLayout.For<T>(shape);
        fixed (T* gradOutputPtr = gradOutput)
        fixed (T* weightPtr = weight)
        fixed (T* gradInputPtr = gradInput)
        {
            var groups = new InputGradientGroups<T>(shape, layout, gradOutputPtr, weightPtr, gradInputPtr, accumulate);
            ComputeThreads.For(layout.Groups, ref groups);
        }
    }

    /// <summary>One image group of <see cref="BackwardInput"/>: GEMM into columns, then col2im onto the group's input gradient.</summary>
    private readonly unsafe struct InputGradientGroups<T>(Conv2dShape s, ColumnLayout layout, T* gradOutput, T* weight, T* gradInput, bool accumulate)
        : IChunkBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int group)
        {
            using var scratch = new GroupScratch<T>(layout, group, withChannelMajor: true);
            int first = scratch.First, count = scratch.Count;
            var gradOutputs = ChannelMajor(new ReadOnlySpan<T>(gradOutput + (long)first * layout.OutputImage, count * layout.OutputImage),
                count, s.OutChannels, layout.Pixels, scratch.ChannelMajor);
            var cols = scratch.ColumnMatrix;
            Gemm.Multiply(new ReadOnlySpan<T>(weight, s.WeightLength), true, gradOutputs, false, cols, layout.Rows, scratch.Width, s.OutChannels);
            ScatterColumns(s, cols, count, new Span<T>(gradInput + (long)first * layout.InputImage, count * layout.InputImage), accumulate);
        }
    }

    /// <summary>
    /// gradWeight [+]= d(loss)/d(weight) and, when <paramref name="gradBias"/> is not empty, gradBias [+]= d(loss)/d(bias).
    /// The image groups are cut into a fixed number of blocks (it depends only on the shape); each block sums its
    /// groups into its own partial gradient, and the partials are added in block order, so the result is the same for
    /// any thread count.
    /// </summary>
    /// <param name="shape">The convolution's geometry.</param>
    /// <param name="input">[N, InC, H, W], the forward pass's input.</param>
    /// <param name="gradOutput">[N, OutC, OutH, OutW].</param>
    /// <param name="gradWeight">[OutC, InC, KH, KW].</param>
    /// <param name="gradBias">[OutC], or empty to skip the bias gradient.</param>
    /// <param name="accumulate">Add to the gradients instead of overwriting them.</param>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="shape"/>.</exception>
    public static unsafe void BackwardWeight<T>(in Conv2dShape shape, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput, Span<T> gradWeight, Span<T> gradBias, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (input.Length != shape.InputLength) SpanLength.Throw(input.Length, shape.InputShape, "Input", nameof(input));
        if (gradOutput.Length != shape.OutputLength) SpanLength.Throw(gradOutput.Length, shape.OutputShape, "Output gradient", nameof(gradOutput));
        if (gradWeight.Length != shape.WeightLength) SpanLength.Throw(gradWeight.Length, shape.WeightShape, "Weight gradient", nameof(gradWeight));
        if (!gradBias.IsEmpty && gradBias.Length != shape.OutChannels) SpanLength.Throw(gradBias.Length, new Shape(shape.OutChannels), "Bias gradient", nameof(gradBias));

        if (FewTapsWeightGradient.Supports<T>(shape))
        {
            FewTapsWeightGradient.BackwardWeight(shape, input, gradOutput, gradWeight, gradBias, accumulate);
            return;
        }
        if (DirectConv2d.Supports<T>(shape))
        {
            DirectConv2d.BackwardWeight(shape, input, gradOutput, gradWeight, gradBias, accumulate);
            return;
        }
        var s = shape;
        var layout = ColumnLayout.For<T>(s);
        // With few taps per output channel (a one-channel input: K = 9) the GEMM's register tile would be mostly
        // padding and its k = N * P would be cut into hundreds of slices; dot products of contiguous rows do better,
        // and sum the bias gradient while each row is in cache.
        bool byDots = layout.Rows < DotProductTaps;
        if (!byDots && !gradBias.IsEmpty) ChannelBias.SumInto(gradOutput, s.Batch, layout.Pixels, gradBias, accumulate);
        int blocks = Math.Min(layout.Groups, ColumnLayout.MinimumGroups);
        int partialLength = s.WeightLength + (byDots ? s.OutChannels : 0);
        T[] partials = ArrayPool<T>.Shared.Rent(blocks * partialLength);
        try
        {
            fixed (T* inputPtr = input)
            fixed (T* gradOutputPtr = gradOutput)
            fixed (T* partialsPtr = partials)
            {
                var blockSums = new WeightGradientBlocks<T>(s, layout, blocks, byDots, inputPtr, gradOutputPtr, partialsPtr, partialLength);
                ComputeThreads.For(blocks, ref blockSums);
            }
            var total = partials.AsSpan(0, partialLength);
            for (int block = 1; block < blocks; block++) TensorPrimitives.Add(total, partials.AsSpan(block * partialLength, partialLength), total);
            if (!byDots)
            {
                // The blocks summed gradWeight^T [K, OutC] = columns * gradOutput^T: on the reference layers this GEMM
                // measured 5-25% faster than gradOutput * columns^T, whose transposed operand would be the big one.
                AddTransposed<T>(total, layout.Rows, s.OutChannels, gradWeight, accumulate);
                return;
            }
            AddOrCopy<T>(total[..s.WeightLength], gradWeight, accumulate);
            if (!gradBias.IsEmpty) AddOrCopy<T>(total[s.WeightLength..], gradBias, accumulate);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(partials);
        }
    }

    /// <summary>destination [+]= source.</summary>
    private static void AddOrCopy<T>(ReadOnlySpan<T> source, Span<T> destination, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (accumulate) TensorPrimitives.Add(destination, source, destination);
        else source.CopyTo(destination);
    }

    /// <summary>
    /// One block of <see cref="BackwardWeight"/>: its image groups' weight gradient summed in order into the block's
    /// partial (gradWeight^T [K, OutC] by GEMM, or gradWeight [OutC, K] and then gradBias [OutC] by dot products).
    /// </summary>
    private readonly unsafe struct WeightGradientBlocks<T>(Conv2dShape s, ColumnLayout layout, int blocks, bool byDots, T* input, T* gradOutput,
        T* partials, int partialLength) : IChunkBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int block)
        {
            int firstGroup = layout.Groups * block / blocks, endGroup = layout.Groups * (block + 1) / blocks;
            int k = layout.Rows, pixels = layout.Pixels;
            var partial = new Span<T>(partials + (long)block * partialLength, partialLength);
            for (int group = firstGroup; group < endGroup; group++)
            {
                using var scratch = new GroupScratch<T>(layout, group, withChannelMajor: !byDots);
                int first = scratch.First, count = scratch.Count, n = scratch.Width;
                var cols = scratch.ColumnMatrix;
                bool addToPartial = group > firstGroup;
                GatherColumns(s, new ReadOnlySpan<T>(input + (long)first * layout.InputImage, count * layout.InputImage), count, cols);
                var gradOutputs = new ReadOnlySpan<T>(gradOutput + (long)first * layout.OutputImage, count * layout.OutputImage);
                if (byDots)
                {
                    AddWeightGradientByDots(s, cols, count, gradOutputs, partial[..s.WeightLength], partial[s.WeightLength..], addToPartial);
                    continue;
                }
                var channelMajor = ChannelMajor(gradOutputs, count, s.OutChannels, pixels, scratch.ChannelMajor);
                Gemm.Multiply(cols, false, channelMajor, true, partial, k, s.OutChannels, n, addToPartial);
            }
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
