using SdfLearn.Core;

namespace SdfLearn.Benchmarks.Convolution;

/// <summary>Everything one <see cref="ConvLayer"/> pass reads or writes: random inputs, zeroed outputs.</summary>
public sealed class ConvBuffers
{
    /// <summary>Allocates the buffers for <paramref name="layer"/>, inputs uniform in [-1, 1) from <paramref name="seed"/>.</summary>
    public ConvBuffers(ConvLayer layer, ulong seed = 1)
    {
        Layer = layer;
        var (input, weight, bias, output) = layer.Lengths;
        var random = new SeededRandom(seed);
        float[] Random(int length)
        {
            var values = new float[length];
            random.FillUniform<float>(values, -1, 1);
            return values;
        }
        (Input, Weight, Bias, GradOutput) = (Random(input), Random(weight), Random(bias), Random(output));
        (Output, GradInput, GradWeight, GradBias) = (new float[output], new float[input], new float[weight], new float[bias]);
    }

    /// <summary>The layer the buffers fit.</summary>
    public ConvLayer Layer { get; }
    /// <summary>Forward input.</summary>
    public float[] Input { get; }
    /// <summary>Weights.</summary>
    public float[] Weight { get; }
    /// <summary>Bias.</summary>
    public float[] Bias { get; }
    /// <summary>Gradient arriving at the output.</summary>
    public float[] GradOutput { get; }
    /// <summary>Forward output.</summary>
    public float[] Output { get; }
    /// <summary>Input gradient.</summary>
    public float[] GradInput { get; }
    /// <summary>Weight gradient.</summary>
    public float[] GradWeight { get; }
    /// <summary>Bias gradient.</summary>
    public float[] GradBias { get; }

    /// <summary>output = layer(input) + bias.</summary>
    public void Forward() => Layer.Forward(Input, Weight, Bias, Output);

    /// <summary>d(loss)/d(input).</summary>
    public void BackwardInput() => Layer.BackwardInput(GradOutput, Weight, GradInput);

    /// <summary>d(loss)/d(weight) and d(loss)/d(bias).</summary>
    public void BackwardWeight() => Layer.BackwardWeight(Input, GradOutput, GradWeight, GradBias);
}
