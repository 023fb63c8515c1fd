using System.Numerics;
using System.Numerics.Tensors;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>sum((prediction - target)^2)</c> over all elements, as a one-element rank-0 value. Backward:
    /// <c>dPrediction = 2 g (prediction - target)</c>, and its negation for the target if that requires a gradient.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    public static Variable<T> SumSquaredError<T>(Variable<T> prediction, Variable<T> target) where T : unmanaged, IFloatingPointIeee754<T> =>
        SquaredError(nameof(SumSquaredError), prediction, target, perSample: false, T.One);

    /// <summary>
    /// Mean squared error over all elements (PyTorch's <c>MSELoss</c>, mean reduction), as a one-element rank-0 value.
    /// Backward: <c>dPrediction = 2 g (prediction - target) / n</c>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    public static Variable<T> MseLoss<T>(Variable<T> prediction, Variable<T> target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return SquaredError(nameof(MseLoss), prediction, target, perSample: false, T.One / T.CreateTruncating(prediction.Shape.Length));
    }

    /// <summary>
    /// Sum of squared errors per sample: [B, ...] gives [B] (the VAE's reconstruction term per image).
    /// Backward: <c>dPrediction = 2 g_b (prediction - target)</c> within sample b.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    /// <exception cref="ArgumentException">The values have no batch dimension.</exception>
    public static Variable<T> SumSquaredErrorPerSample<T>(Variable<T> prediction, Variable<T> target) where T : unmanaged, IFloatingPointIeee754<T> =>
        SquaredError(nameof(SumSquaredErrorPerSample), prediction, target, perSample: true, T.One);

    /// <summary>
    /// <c>scale * sum((prediction - target)^2)</c> per sample or in total. The difference is kept in a tape buffer for
    /// the backward pass, which is then one vectorised multiply-add per sample and operand.
    /// </summary>
    private static Variable<T> SquaredError<T>(string op, Variable<T> prediction, Variable<T> target, bool perSample, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(op, prediction, target);
        ShapeMismatchException.ThrowIfDifferent(op, prediction.Shape, target.Shape, "target");
        if (perSample && prediction.Shape.Rank == 0)
            throw new ArgumentException($"{op} needs a batch dimension; got a rank-0 value.", nameof(prediction));
        int samples = perSample ? prediction.Shape[0] : 1, width = prediction.Shape.Length / samples;
        var difference = tape.Rent(prediction.Shape);
        TensorPrimitives.Subtract(prediction.Value.Span, target.Value.Span, difference.Span);
        var loss = tape.Result((perSample ? tape.Rent([samples]) : tape.Rent(ScalarDims)), prediction.RequiresGrad || target.RequiresGrad);
        for (int b = 0; b < samples; b++)
            loss.Value.Span[b] = scale * TensorPrimitives.SumOfSquares<T>(difference.Span.Slice(b * width, width));
        if (loss.RequiresGrad)
            tape.Record(loss, static loss =>
            {
                var (prediction, target, difference) = (loss.Op.A!, loss.Op.B!, (Core.Tensor<T>)loss.Op.Saved!);
                T scale = loss.Op.Scalar;
                int samples = loss.Shape.Length, width = prediction.Shape.Length / samples;
                var g = loss.Grad!.Span;
                for (int b = 0; b < samples; b++)
                {
                    T factor = (scale + scale) * g[b];
                    var d = difference.Span.Slice(b * width, width);
                    if (prediction.RequiresGrad)
                    {
                        var gp = prediction.GradAccumulator().Slice(b * width, width);
                        TensorPrimitives.MultiplyAdd(d, factor, gp, gp);
                    }
                    if (target.RequiresGrad)
                    {
                        var gt = target.GradAccumulator().Slice(b * width, width);
                        TensorPrimitives.MultiplyAdd(d, -factor, gt, gt);
                    }
                }
            }, a: prediction, b: target, saved: difference, scalar: scale);
        return loss;
    }
}
