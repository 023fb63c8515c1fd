using System.Numerics;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

/// <summary>
/// A layer under test, ordinary or transposed: its three kernel passes next to the matching oracles, so that
/// <see cref="ConvolutionChecks"/> can run the same checks on both.
/// </summary>
internal abstract class ConvolutionLayer
{
    public abstract (int Input, int Weight, int Bias, int Output) Lengths { get; }

    public abstract void Forward<T>(T[] input, T[] weight, T[] bias, T[] output, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>;
    public abstract void BackwardInput<T>(T[] gradOutput, T[] weight, T[] gradInput, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>;
    public abstract void BackwardWeight<T>(T[] input, T[] gradOutput, T[] gradWeight, T[] gradBias, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>;

    public abstract double[] OracleForward(double[] input, double[] weight, double[]? bias);
    public abstract double[] OracleBackwardInput(double[] gradOutput, double[] weight);
    public abstract (double[] GradWeight, double[] GradBias) OracleBackwardWeight(double[] input, double[] gradOutput);

    public static ConvolutionLayer Of(Conv2dShape shape) => new Ordinary(shape);
    public static ConvolutionLayer Of(ConvTranspose2dShape shape) => new Transposed(shape);

    private sealed class Ordinary(Conv2dShape s) : ConvolutionLayer
    {
        public override (int Input, int Weight, int Bias, int Output) Lengths => (s.InputLength, s.WeightLength, s.OutChannels, s.OutputLength);

        public override void Forward<T>(T[] input, T[] weight, T[] bias, T[] output, bool accumulate)
            => Conv2d.Forward<T>(s, input, weight, bias, output, accumulate);
        public override void BackwardInput<T>(T[] gradOutput, T[] weight, T[] gradInput, bool accumulate)
            => Conv2d.BackwardInput<T>(s, gradOutput, weight, gradInput, accumulate);
        public override void BackwardWeight<T>(T[] input, T[] gradOutput, T[] gradWeight, T[] gradBias, bool accumulate)
            => Conv2d.BackwardWeight<T>(s, input, gradOutput, gradWeight, gradBias, accumulate);

        public override double[] OracleForward(double[] input, double[] weight, double[]? bias) => NaiveConvolution.Forward(s, input, weight, bias);
        public override double[] OracleBackwardInput(double[] gradOutput, double[] weight) => NaiveConvolution.BackwardInput(s, gradOutput, weight);
        public override (double[] GradWeight, double[] GradBias) OracleBackwardWeight(double[] input, double[] gradOutput)
            => NaiveConvolution.BackwardWeight(s, input, gradOutput);
    }

    private sealed class Transposed(ConvTranspose2dShape s) : ConvolutionLayer
    {
        public override (int Input, int Weight, int Bias, int Output) Lengths => (s.InputLength, s.WeightLength, s.OutChannels, s.OutputLength);

        public override void Forward<T>(T[] input, T[] weight, T[] bias, T[] output, bool accumulate)
            => ConvTranspose2d.Forward<T>(s, input, weight, bias, output, accumulate);
        public override void BackwardInput<T>(T[] gradOutput, T[] weight, T[] gradInput, bool accumulate)
            => ConvTranspose2d.BackwardInput<T>(s, gradOutput, weight, gradInput, accumulate);
        public override void BackwardWeight<T>(T[] input, T[] gradOutput, T[] gradWeight, T[] gradBias, bool accumulate)
            => ConvTranspose2d.BackwardWeight<T>(s, input, gradOutput, gradWeight, gradBias, accumulate);

        public override double[] OracleForward(double[] input, double[] weight, double[]? bias) => NaiveConvolution.TransposedForward(s, input, weight, bias);
        public override double[] OracleBackwardInput(double[] gradOutput, double[] weight) => NaiveConvolution.TransposedBackwardInput(s, gradOutput, weight);
        public override (double[] GradWeight, double[] GradBias) OracleBackwardWeight(double[] input, double[] gradOutput)
            => NaiveConvolution.TransposedBackwardWeight(s, input, gradOutput);
    }
}
