using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Tests.Core.Kernels.Convolution;

namespace SdfLearn.Tests.Sdf.Architectures;

public class DeepSdfDecoderThreadTests
{
    /// <summary>
    /// The per-shape path (fused epilogues, per-shape latent products, one-pass backward sums) on shapes large enough to
    /// split over threads: values and every gradient are the same bits with one thread and two.
    /// </summary>
    [Fact]
    public void PerShapeForwardAndBackward_AreBitIdentical_ForOneAndTwoThreads()
    {
        var decoder = new DeepSdfDecoder<float>(8, new SeededRandom(7), hiddenWidth: 64, hiddenLayers: 4, skipLayer: 2);
        var latentValues = new Tensor<float>(new Shape(4, 8));
        var coordinateValues = new Tensor<float>(new Shape(4 * 700, 2));
        new SeededRandom(8).FillUniform(latentValues.Span, -1f, 1f);
        new SeededRandom(9).FillUniform(coordinateValues.Span, -0.5f, 0.5f);
        var runs = ThreadCounts.Run([1, 2], () =>
        {
            var tape = new Tape<float>();
            foreach (var p in decoder.Parameters()) p.ZeroGrad();
            var latents = new Parameter<float>(latentValues.Clone());
            var output = decoder.Forward(tape.Watch(latents), tape.Constant(coordinateValues));
            tape.Backward(Ops.Mean(Ops.Square(output)));
            return output.Value.ToArray().Concat(latents.Grad.ToArray()).Concat(decoder.Parameters().SelectMany(p => p.Grad.ToArray())).ToArray();
        });
        Assert.True(runs[0].AsSpan().SequenceEqual(runs[1]));
    }
}
