using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;

namespace SdfLearn.Tests.Autodiff;

/// <summary>Helpers for checks of input gradients recorded on the tape, in double precision.</summary>
internal static class InputGradientAssert
{
    /// <summary>
    /// Asserts that the recorded input gradient of <paramref name="network"/> at x [N, w] with respect to columns
    /// start .. start + count − 1 equals central finite differences of its output and the reverse-mode input gradient.
    /// </summary>
    public static void MatchesFiniteDifferences(Layer<double> network, Tensor<double> x, int start, int count)
    {
        int rows = x.Shape[0], width = x.Shape[1];
        var tape = new Tape<double>();
        var input = tape.Input(x, requiresGrad: true);
        var (value, gradient) = network.ForwardWithInputGradient(input, start, count);
        Assert.Equal(new Shape(rows, count), gradient.Shape);
        var forward = value.Value.ToArray();
        var recorded = gradient.Value.ToArray();
        tape.Backward(Ops.Sum(value));
        var reverse = input.Grad!.ToArray();

        const double h = 1e-6;
        var probe = x.Clone();
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < count; j++)
            {
                int column = start + j;
                double Output(double offset)
                {
                    probe.Span[r * width + column] = x.Span[r * width + column] + offset;
                    var check = new Tape<double>();
                    using (check.NoGrad()) return network.Forward(check.Constant(probe)).Value.Span[r];
                }
                double numerical = (Output(h) - Output(-h)) / (2 * h);
                probe.Span[r * width + column] = x.Span[r * width + column];
                Assert.Equal(numerical, recorded[r * count + j], 1e-7);
                Assert.Equal(reverse[r * width + column], recorded[r * count + j], 1e-12);
            }
        using (tape.NoGrad()) Assert.Equal(forward, network.Forward(tape.Constant(x)).Value.ToArray());
    }

    /// <summary>
    /// A loss mixing the value and the input gradient: an eikonal-like <c>sum((|g|^2 - 1)^2)</c>, a weighted sum of the
    /// gradient components and of the values, so every element receives a different second-order gradient.
    /// </summary>
    public static Variable<double> GradientLoss((Variable<double> Value, Variable<double> Gradient) output)
    {
        var (value, gradient) = output;
        var squaredNorm = Ops.Sum(Ops.Square(gradient), axis: 1);
        var eikonal = Ops.Sum(Ops.Square(Ops.Sub(squaredNorm, gradient.Tape.Constant(Tensor<double>.Full(1.0, 1)))));
        return Ops.Add(Ops.Add(eikonal, GradientAssert.WeightedSum(gradient)), GradientAssert.WeightedSum(value));
    }
}
