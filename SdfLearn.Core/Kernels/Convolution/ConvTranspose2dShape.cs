namespace SdfLearn.Core.Kernels;

/// <summary>
/// The geometry of a 2D transposed convolution over NCHW with weights [InChannels, OutChannels, KernelHeight, KernelWidth]
/// (PyTorch's layout). Output size: <c>(In - 1) * Stride - 2 * Padding + Kernel + OutputPadding</c> per spatial axis.
/// </summary>
public readonly record struct ConvTranspose2dShape
{
    /// <summary>Describes a transposed convolution.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, a padding is negative, the output padding is not smaller than the stride, or the output would be empty.</exception>
    public ConvTranspose2dShape(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
        int kernelHeight, int kernelWidth, int strideHeight = 1, int strideWidth = 1, int paddingHeight = 0, int paddingWidth = 0,
        int outputPaddingHeight = 0, int outputPaddingWidth = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(outputPaddingHeight);
        ArgumentOutOfRangeException.ThrowIfNegative(outputPaddingWidth);
        if (outputPaddingHeight >= strideHeight || outputPaddingWidth >= strideWidth)
            throw new ArgumentOutOfRangeException(nameof(outputPaddingHeight),
                $"Output padding {outputPaddingHeight}x{outputPaddingWidth} must be smaller than the stride {strideHeight}x{strideWidth}.");
        int outHeight = (inHeight - 1) * strideHeight - 2 * paddingHeight + kernelHeight + outputPaddingHeight;
        int outWidth = (inWidth - 1) * strideWidth - 2 * paddingWidth + kernelWidth + outputPaddingWidth;
        if (outHeight <= 0 || outWidth <= 0)
            throw new ArgumentOutOfRangeException(nameof(paddingHeight), $"Transposed convolution output would be {outHeight}x{outWidth}.");
        // The transposed convolution is the input-gradient of this ordinary convolution (and vice versa).
        Equivalent = new Conv2dShape(batch, outChannels, outHeight, outWidth, inChannels, kernelHeight, kernelWidth,
            strideHeight, strideWidth, paddingHeight, paddingWidth);
        OutputPaddingHeight = outputPaddingHeight;
        OutputPaddingWidth = outputPaddingWidth;
    }

    /// <summary>The ordinary convolution whose backward-input pass is this layer's forward pass.</summary>
    public Conv2dShape Equivalent { get; }
    /// <summary>Extra rows added at the bottom of the output.</summary>
    public int OutputPaddingHeight { get; }
    /// <summary>Extra columns added at the right of the output.</summary>
    public int OutputPaddingWidth { get; }

    /// <summary>Images in the batch (N).</summary>
    public int Batch => Equivalent.Batch;
    /// <summary>Input channels.</summary>
    public int InChannels => Equivalent.OutChannels;
    /// <summary>Input height.</summary>
    public int InHeight => Equivalent.OutHeight;
    /// <summary>Input width.</summary>
    public int InWidth => Equivalent.OutWidth;
    /// <summary>Output channels.</summary>
    public int OutChannels => Equivalent.InChannels;
    /// <summary>Output height.</summary>
    public int OutHeight => Equivalent.InHeight;
    /// <summary>Output width.</summary>
    public int OutWidth => Equivalent.InWidth;

    /// <summary>Elements in the input batch.</summary>
    public int InputLength => Equivalent.OutputLength;
    /// <summary>Elements in the weight tensor.</summary>
    public int WeightLength => Equivalent.WeightLength;
    /// <summary>Elements in the output batch.</summary>
    public int OutputLength => Equivalent.InputLength;

    /// <summary>Input shape [N, InC, H, W].</summary>
    public Shape InputShape => Equivalent.OutputShape;
    /// <summary>Weight shape [InC, OutC, KH, KW].</summary>
    public Shape WeightShape => Equivalent.WeightShape;
    /// <summary>Output shape [N, OutC, OH, OW].</summary>
    public Shape OutputShape => Equivalent.InputShape;
}
