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
    private float[] _input = [], _weight = [], _bias = [], _output = [];
    private float[] _gradOutput = [], _gradInput = [], _gradWeight = [], _gradBias = [];

    /// <summary>The layer under test.</summary>
    [ParamsSource(nameof(Layers))]
    public ConvLayer Layer { get; set; } = ConvLayer.Reference[0];

    /// <summary>Every reference layer.</summary>
    public static IEnumerable<ConvLayer> Layers => ConvLayer.Reference;

    /// <summary>Random inputs, weights and output gradients for <see cref="Layer"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (input, weight, bias, output) = Layer.Lengths;
        var random = new SeededRandom(1);
        float[] Random(int length)
        {
            var values = new float[length];
            random.FillUniform<float>(values, -1, 1);
            return values;
        }
        (_input, _weight, _bias, _gradOutput) = (Random(input), Random(weight), Random(bias), Random(output));
        (_output, _gradInput, _gradWeight, _gradBias) = (new float[output], new float[input], new float[weight], new float[bias]);
    }

    /// <summary>output = conv(input, weight) + bias.</summary>
    [Benchmark]
    public void Forward() => Layer.Forward(_input, _weight, _bias, _output);

    /// <summary>d(loss)/d(input).</summary>
    [Benchmark]
    public void BackwardInput() => Layer.BackwardInput(_gradOutput, _weight, _gradInput);

    /// <summary>d(loss)/d(weight) and d(loss)/d(bias).</summary>
    [Benchmark]
    public void BackwardWeight() => Layer.BackwardWeight(_input, _gradOutput, _gradWeight, _gradBias);
}
