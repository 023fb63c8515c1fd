using SdfLearn.Core.Kernels;

namespace SdfLearn.Benchmarks.Convolution;

/// <summary>
/// One convolution layer of the reference VAE (docs/reference.md: S = 64, c = 32, batch 64), ordinary or transposed,
/// with the three passes a training step runs on it.
/// </summary>
public sealed class ConvLayer
{
    private readonly ConvTranspose2dShape? _transposed;

    private ConvLayer(string name, Conv2dShape conv, ConvTranspose2dShape? transposed)
    {
        Name = name;
        Conv = conv;
        _transposed = transposed;
    }

    /// <summary>The encoder's five convolutions, the decoder's two distinct ones, and its three transposed ones.</summary>
    public static IReadOnlyList<ConvLayer> Reference { get; } = Build(batch: 64, c: 32);

    /// <summary>Short label (BenchmarkDotNet shows 20 characters), e.g. <c>enc2/dec4 32-&gt;32 s1</c>.</summary>
    public string Name { get; }

    /// <summary>The ordinary convolution that does the work (for a transposed layer, its equivalent convolution).</summary>
    public Conv2dShape Conv { get; }

    /// <summary>Input, weight, bias and output lengths of the layer as a model sees it.</summary>
    public (int Input, int Weight, int Bias, int Output) Lengths => _transposed is { } t
        ? (t.InputLength, t.WeightLength, t.OutChannels, t.OutputLength)
        : (Conv.InputLength, Conv.WeightLength, Conv.OutChannels, Conv.OutputLength);

    /// <summary>
    /// Floating-point operations of one pass: 2 * N * OutC * OutH * OutW * InC * KH * KW of the working
    /// convolution (multiply and add per tap, padding taps included). The same count for all three passes.
    /// </summary>
    public double Flops => 2.0 * Conv.Batch * Conv.OutChannels * Conv.OutHeight * Conv.OutWidth
        * Conv.InChannels * Conv.KernelHeight * Conv.KernelWidth;

    /// <summary>output = layer(input) + bias.</summary>
    public void Forward(float[] input, float[] weight, float[] bias, float[] output)
    {
        if (_transposed is { } t) ConvTranspose2d.Forward<float>(t, input, weight, bias, output);
        else Conv2d.Forward<float>(Conv, input, weight, bias, output);
    }

    /// <summary>gradInput = d(loss)/d(input).</summary>
    public void BackwardInput(float[] gradOutput, float[] weight, float[] gradInput)
    {
        if (_transposed is { } t) ConvTranspose2d.BackwardInput<float>(t, gradOutput, weight, gradInput);
        else Conv2d.BackwardInput<float>(Conv, gradOutput, weight, gradInput);
    }

    /// <summary>gradWeight, gradBias = d(loss)/d(weight, bias).</summary>
    public void BackwardWeight(float[] input, float[] gradOutput, float[] gradWeight, float[] gradBias)
    {
        if (_transposed is { } t) ConvTranspose2d.BackwardWeight<float>(t, input, gradOutput, gradWeight, gradBias);
        else Conv2d.BackwardWeight<float>(Conv, input, gradOutput, gradWeight, gradBias);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static ConvLayer[] Build(int batch, int c)
    {
        static ConvLayer Conv(string name, Conv2dShape shape) => new(name, shape, null);
        static ConvLayer Transposed(string name, ConvTranspose2dShape shape) => new(name, shape.Equivalent, shape);
        return
        [
            Conv("enc1 1->32 s2", new(batch, 1, 64, 64, c, 3, 3, 2, 2, 1, 1)),
            Conv("enc2/dec4 32->32 s1", new(batch, c, 32, 32, c, 3, 3, 1, 1, 1, 1)),
            Conv("enc3 32->64 s2", new(batch, c, 32, 32, 2 * c, 3, 3, 2, 2, 1, 1)),
            Conv("enc4/dec2 64->64 s1", new(batch, 2 * c, 16, 16, 2 * c, 3, 3, 1, 1, 1, 1)),
            Conv("enc5 64->64 s2", new(batch, 2 * c, 16, 16, 2 * c, 3, 3, 2, 2, 1, 1)),
            Transposed("dec1 T 64->64 8x8", new(batch, 2 * c, 8, 8, 2 * c, 3, 3, 2, 2, 1, 1, 1, 1)),
            Transposed("dec3 T 64->32 16x16", new(batch, 2 * c, 16, 16, c, 3, 3, 2, 2, 1, 1, 1, 1)),
            Transposed("dec5 T 32->1 32x32", new(batch, c, 32, 32, 1, 3, 3, 2, 2, 1, 1, 1, 1)),
        ];
    }
}
