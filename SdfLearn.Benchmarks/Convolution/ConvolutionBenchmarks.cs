using BenchmarkDotNet.Attributes;
using SdfLearn.Core;

namespace SdfLearn.Benchmarks.Convolution;

/// <summary>
/// Forward, input-gradient and weight-gradient passes of every reference convolution layer at batch 64, in float,
/// on <see cref="ComputeThreads.MaxThreads"/> threads (all cores by default). The GFLOP/s column is
/// <see cref="ConvLayer.Flops"/> divided by the mean time.
/// </summary>
[Config(typeof(ConvolutionBenchmarkConfig))]
public class ConvolutionBenchmarks
{
    private ConvBuffers _buffers = null!;

    /// <summary>The layer under test.</summary>
    [ParamsSource(nameof(Layers))]
    public ConvLayer Layer { get; set; } = ConvLayer.Reference[0];

    /// <summary>Every reference layer.</summary>
    public static IEnumerable<ConvLayer> Layers => ConvLayer.Reference;

    /// <summary>Random inputs, weights and output gradients for <see cref="Layer"/>.</summary>
    [GlobalSetup]
    public void Setup() => _buffers = new ConvBuffers(Layer);

    /// <summary>output = conv(input, weight) + bias.</summary>
    [Benchmark]
    public void Forward() => _buffers.Forward();

    /// <summary>d(loss)/d(input).</summary>
    [Benchmark]
    public void BackwardInput() => _buffers.BackwardInput();

    /// <summary>d(loss)/d(weight) and d(loss)/d(bias).</summary>
    [Benchmark]
    public void BackwardWeight() => _buffers.BackwardWeight();
}
