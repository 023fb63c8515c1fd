using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// <c>scale * sum((prediction - target)^2)</c> as a one-element rank-0 value. Backward:
    /// <c>dPrediction = 2 scale g (prediction - target)</c>, and the negation for the target if it requires a gradient.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    public static Variable<T> SumSquaredError<T>(Variable<T> prediction, Variable<T> target) where T : unmanaged, IFloatingPointIeee754<T> =>
        SquaredError(nameof(SumSquaredError), prediction, target, T.One);

    /// <summary>Mean squared error over all elements (PyTorch's <c>MSELoss</c> with mean reduction).</summary>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    public static Variable<T> MseLoss<T>(Variable<T> prediction, Variable<T> target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return SquaredError(nameof(MseLoss), prediction, target, T.One / T.CreateTruncating(prediction.Shape.Length));
    }

    /// <summary>
    /// Sum of squared errors per sample: [B, ...] gives [B] (the VAE's reconstruction term per image).
    /// Backward: <c>dPrediction = 2 g_b (prediction - target)</c> within sample b.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    /// <exception cref="ArgumentException">The values have no batch dimension.</exception>
    public static Variable<T> SumSquaredErrorPerSample<T>(Variable<T> prediction, Variable<T> target) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(SumSquaredErrorPerSample), prediction, target);
        ShapeMismatchException.ThrowIfDifferent(nameof(SumSquaredErrorPerSample), prediction.Shape, target.Shape, "target");
        if (prediction.Shape.Rank == 0)
            throw new ArgumentException("SumSquaredErrorPerSample needs a batch dimension; got a rank-0 value.", nameof(prediction));
        int batch = prediction.Shape[0], width = prediction.Shape.Length / batch;
        var loss = tape.Result(tape.Rent(new Shape(batch)), prediction.RequiresGrad || target.RequiresGrad);
        var p = prediction.Value.Span; var t = target.Value.Span; var l = loss.Value.Span;
        for (int b = 0; b < batch; b++)
        {
            T sum = T.Zero;
            for (int j = b * width; j < (b + 1) * width; j++) sum += (p[j] - t[j]) * (p[j] - t[j]);
            l[b] = sum;
        }
        if (loss.RequiresGrad)
            tape.Record(loss, () =>
            {
                var g = loss.Grad!.Span; var p = prediction.Value.Span; var t = target.Value.Span;
                var gp = prediction.RequiresGrad ? prediction.GradSpanForAccumulation() : default;
                var gt = target.RequiresGrad ? target.GradSpanForAccumulation() : default;
                for (int b = 0; b < batch; b++)
                {
                    T twiceG = g[b] + g[b];
                    for (int j = b * width; j < (b + 1) * width; j++)
                    {
                        T d = twiceG * (p[j] - t[j]);
                        if (prediction.RequiresGrad) gp[j] += d;
                        if (target.RequiresGrad) gt[j] -= d;
                    }
                }
            });
        return loss;
    }

    /// <summary><c>scale * sum((prediction - target)^2)</c> with its gradient.</summary>
    private static Variable<T> SquaredError<T>(string op, Variable<T> prediction, Variable<T> target, T scale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(op, prediction, target);
        ShapeMismatchException.ThrowIfDifferent(op, prediction.Shape, target.Shape, "target");
        var loss = tape.Result(tape.Rent(ScalarShape), prediction.RequiresGrad || target.RequiresGrad);
        loss.Value.Span[0] = scale * System.Numerics.Tensors.TensorPrimitives.SumOfSquares<T>(Difference(prediction, target, tape).Span);
        if (loss.RequiresGrad)
            tape.Record(loss, () =>
            {
                T factor = (scale + scale) * loss.Grad!.Span[0];
                var p = prediction.Value.Span; var t = target.Value.Span;
                var gp = prediction.RequiresGrad ? prediction.GradSpanForAccumulation() : default;
                var gt = target.RequiresGrad ? target.GradSpanForAccumulation() : default;
                for (int i = 0; i < p.Length; i++)
                {
                    T d = factor * (p[i] - t[i]);
                    if (prediction.RequiresGrad) gp[i] += d;
                    if (target.RequiresGrad) gt[i] -= d;
                }
            });
        return loss;
    }

    /// <summary>prediction - target in a scratch buffer rented from the tape.</summary>
    private static Tensor<T> Difference<T>(Variable<T> prediction, Variable<T> target, Tape<T> tape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var difference = tape.Rent(prediction.Shape);
        System.Numerics.Tensors.TensorPrimitives.Subtract(prediction.Value.Span, target.Value.Span, difference.Span);
        return difference;
    }
}
