using SdfLearn.Autodiff;
using SdfLearn.Core;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>Runs a forward function over a large batch in chunks on one tape without recording gradients.</summary>
internal static class Inference
{
    /// <summary>
    /// Applies <paramref name="forward"/> to consecutive chunks of <paramref name="inputs"/> (split along axis 0) and
    /// gathers the outputs, whose per-item shape is <paramref name="itemShape"/>, into one tensor.
    /// </summary>
    public static Tensor<float> Map(Tensor<float> inputs, int chunkSize, ReadOnlySpan<int> itemShape,
        Func<Variable<float>, Variable<float>> forward)
    {
        int count = inputs.Shape[0];
        int inputItem = inputs.Length / count;
        var outputDims = new int[itemShape.Length + 1];
        outputDims[0] = count;
        itemShape.CopyTo(outputDims.AsSpan(1));
        var output = new Tensor<float>(new Shape(outputDims));
        int outputItem = output.Length / count;
        var tape = new Tape<float>();
        using var _ = tape.NoGrad();
        for (int start = 0; start < count; start += chunkSize)
        {
            int n = Math.Min(chunkSize, count - start);
            tape.Reset();
            var chunkDims = inputs.Shape.Dims.ToArray();
            chunkDims[0] = n;
            var chunk = new Tensor<float>(inputs.Span.Slice(start * inputItem, n * inputItem).ToArray(), new Shape(chunkDims));
            var result = forward(tape.Constant(chunk));
            if (result.Shape.Length != n * outputItem)
                throw new InvalidOperationException($"Inference: a chunk of {n} gave {result.Shape}, expected {n} items of {Shape.Format(itemShape)}.");
            result.Value.Span.CopyTo(output.Span.Slice(start * outputItem, n * outputItem));
        }
        return output;
    }
}
