using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

/// <summary>The checks every convolution layer must pass, against its oracle.</summary>
internal static class ConvolutionChecks
{
    /// <summary>Forward (with bias), input gradient, and weight and bias gradients, each written fresh.</summary>
    public static void AllPassesMatchOracle<T>(ConvolutionLayer layer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (inputLength, weightLength, biasLength, outputLength) = layer.Lengths;
        var random = new SeededRandom(42);
        var input = new TestData<T>(inputLength, random);
        var weight = new TestData<T>(weightLength, random);
        var bias = new TestData<T>(biasLength, random);
        var gradOutput = new TestData<T>(outputLength, random);

        // Stale destinations: a pass that forgets to overwrite shows up.
        var output = new TestData<T>(outputLength, random).Values;
        layer.Forward(input.Values, weight.Values, bias.Values, output, accumulate: false);
        Tolerance.AssertClose(layer.OracleForward(input.Exact, weight.Exact, bias.Exact), output, "output");

        var gradInput = new TestData<T>(inputLength, random).Values;
        layer.BackwardInput(gradOutput.Values, weight.Values, gradInput, accumulate: false);
        Tolerance.AssertClose(layer.OracleBackwardInput(gradOutput.Exact, weight.Exact), gradInput, "input gradient");

        var gradWeight = new TestData<T>(weightLength, random).Values;
        var gradBias = new TestData<T>(biasLength, random).Values;
        layer.BackwardWeight(input.Values, gradOutput.Values, gradWeight, gradBias, accumulate: false);
        var (expectedGradWeight, expectedGradBias) = layer.OracleBackwardWeight(input.Exact, gradOutput.Exact);
        Tolerance.AssertClose(expectedGradWeight, gradWeight, "weight gradient");
        Tolerance.AssertClose(expectedGradBias, gradBias, "bias gradient");
    }

    /// <summary>With accumulate on, every pass adds its fresh result to what the destination held.</summary>
    public static void AccumulateAddsToExistingValues(ConvolutionLayer layer)
    {
        var (inputLength, weightLength, biasLength, outputLength) = layer.Lengths;
        var random = new SeededRandom(7);
        var input = new TestData<double>(inputLength, random);
        var weight = new TestData<double>(weightLength, random);
        var bias = new TestData<double>(biasLength, random);
        var gradOutput = new TestData<double>(outputLength, random);

        var output = new TestData<double>(outputLength, random);
        var expectedOutput = Tolerance.Sum(output.Exact, layer.OracleForward(input.Exact, weight.Exact, bias.Exact));
        layer.Forward(input.Values, weight.Values, bias.Values, output.Values, accumulate: true);
        Tolerance.AssertClose(expectedOutput, output.Values, "accumulated output");

        var gradInput = new TestData<double>(inputLength, random);
        var expectedGradInput = Tolerance.Sum(gradInput.Exact, layer.OracleBackwardInput(gradOutput.Exact, weight.Exact));
        layer.BackwardInput(gradOutput.Values, weight.Values, gradInput.Values, accumulate: true);
        Tolerance.AssertClose(expectedGradInput, gradInput.Values, "accumulated input gradient");

        var gradWeight = new TestData<double>(weightLength, random);
        var gradBias = new TestData<double>(biasLength, random);
        var (freshGradWeight, freshGradBias) = layer.OracleBackwardWeight(input.Exact, gradOutput.Exact);
        var expectedGradWeight = Tolerance.Sum(gradWeight.Exact, freshGradWeight);
        var expectedGradBias = Tolerance.Sum(gradBias.Exact, freshGradBias);
        layer.BackwardWeight(input.Values, gradOutput.Values, gradWeight.Values, gradBias.Values, accumulate: true);
        Tolerance.AssertClose(expectedGradWeight, gradWeight.Values, "accumulated weight gradient");
        Tolerance.AssertClose(expectedGradBias, gradBias.Values, "accumulated bias gradient");
    }

    /// <summary>All passes give the same bits on 1, 2 and 3 threads.</summary>
    public static void ResultsAreBitIdenticalForAnyThreadCount(ConvolutionLayer layer)
    {
        var (inputLength, weightLength, biasLength, outputLength) = layer.Lengths;
        var random = new SeededRandom(9);
        var input = new TestData<float>(inputLength, random).Values;
        var weight = new TestData<float>(weightLength, random).Values;
        var bias = new TestData<float>(biasLength, random).Values;
        var gradOutput = new TestData<float>(outputLength, random).Values;

        float[][] Run()
        {
            float[] output = new float[outputLength], gradInput = new float[inputLength];
            float[] gradWeight = new float[weightLength], gradBias = new float[biasLength];
            layer.Forward(input, weight, bias, output, accumulate: false);
            layer.BackwardInput(gradOutput, weight, gradInput, accumulate: false);
            layer.BackwardWeight(input, gradOutput, gradWeight, gradBias, accumulate: false);
            return [output, gradInput, gradWeight, gradBias];
        }

        var results = ThreadCounts.Run([1, 2, 3], Run);
        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }
}
