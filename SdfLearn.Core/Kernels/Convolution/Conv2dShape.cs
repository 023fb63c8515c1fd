namespace SdfLearn.Core.Kernels;

/// <summary>
/// The geometry of a 2D convolution over an NCHW batch with weights [OutChannels, InChannels, KernelHeight, KernelWidth]
/// (PyTorch's layout). Output size: <c>(In + 2 * Padding - Kernel) / Stride + 1</c> per spatial axis.
/// </summary>
public readonly record struct Conv2dShape
{
    /// <summary>Describes a convolution; validates that the output is non-empty.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, a padding is negative, or the kernel does not fit.</exception>
    public Conv2dShape(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
        int kernelHeight, int kernelWidth, int strideHeight = 1, int strideWidth = 1, int paddingHeight = 0, int paddingWidth = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strideHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strideWidth);
        ArgumentOutOfRangeException.ThrowIfNegative(paddingHeight);
        ArgumentOutOfRangeException.ThrowIfNegative(paddingWidth);
        Batch = batch; InChannels = inChannels; InHeight = inHeight; InWidth = inWidth; OutChannels = outChannels;
        KernelHeight = kernelHeight; KernelWidth = kernelWidth; StrideHeight = strideHeight; StrideWidth = strideWidth;
        PaddingHeight = paddingHeight; PaddingWidth = paddingWidth;
        if (inHeight + 2 * paddingHeight < kernelHeight || inWidth + 2 * paddingWidth < kernelWidth)
            throw new ArgumentOutOfRangeException(nameof(kernelHeight),
                $"Kernel {kernelHeight}x{kernelWidth} does not fit input {inHeight}x{inWidth} with padding {paddingHeight}x{paddingWidth}.");
    }

    /// <summary>Images in the batch (N).</summary>
    public int Batch { get; }
    /// <summary>Input channels (C).</summary>
    public int InChannels { get; }
    /// <summary>Input height (H).</summary>
    public int InHeight { get; }
    /// <summary>Input width (W).</summary>
    public int InWidth { get; }
    /// <summary>Output channels.</summary>
    public int OutChannels { get; }
    /// <summary>Kernel height.</summary>
    public int KernelHeight { get; }
    /// <summary>Kernel width.</summary>
    public int KernelWidth { get; }
    /// <summary>Vertical stride.</summary>
    public int StrideHeight { get; }
    /// <summary>Horizontal stride.</summary>
    public int StrideWidth { get; }
    /// <summary>Zero padding added above and below.</summary>
    public int PaddingHeight { get; }
    /// <summary>Zero padding added left and right.</summary>
    public int PaddingWidth { get; }

    /// <summary>Output height.</summary>
    public int OutHeight => (InHeight + 2 * PaddingHeight - KernelHeight) / StrideHeight + 1;
    /// <summary>Output width.</summary>
    public int OutWidth => (InWidth + 2 * PaddingWidth - KernelWidth) / StrideWidth + 1;

    /// <summary>Elements in the input batch.</summary>
    public int InputLength => Batch * InChannels * InHeight * InWidth;
    /// <summary>Elements in the weight tensor.</summary>
    public int WeightLength => OutChannels * InChannels * KernelHeight * KernelWidth;
    /// <summary>Elements in the output batch.</summary>
    public int OutputLength => Batch * OutChannels * OutHeight * OutWidth;

    /// <summary>Input shape [N, C, H, W].</summary>
    public Shape InputShape => new(Batch, InChannels, InHeight, InWidth);
    /// <summary>Weight shape [OutC, InC, KH, KW].</summary>
    public Shape WeightShape => new(OutChannels, InChannels, KernelHeight, KernelWidth);
    /// <summary>Output shape [N, OutC, OH, OW].</summary>
    public Shape OutputShape => new(Batch, OutChannels, OutHeight, OutWidth);
}
