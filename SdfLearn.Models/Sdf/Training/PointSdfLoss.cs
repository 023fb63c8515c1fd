using SdfLearn.Autodiff;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Sdf.Training;

/// <summary>Ready-made losses for fitting a signed distance function of coordinates alone to <see cref="PointBatch"/>es.</summary>
public static class PointSdfLoss
{
    /// <summary>
    /// The mean squared error between <paramref name="model"/>'s prediction at every point of the batch and the given
    /// signed distance: the batch's [B, K, d] coordinates go in as [B·K, d], and [B·K, 1] distances must come out (e.g. a
    /// <see cref="Architectures.DeepSdfDecoder{T}"/> without a latent, or an MLP of <see cref="Linear{T}"/> layers).
    /// </summary>
    /// <param name="model">The field, from d coordinates to one signed distance.</param>
    /// <returns>A loss for <see cref="Trainer{TBatch}"/> whose terms are the mean squared error alone.</returns>
    public static LossFunction<PointBatch> MeanSquaredError(Layer<float> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (batch, tape, _) =>
        {
            var shape = batch.Coordinates.Shape;
            int points = shape[0] * shape[1];
            var predicted = model.Forward(Ops.Reshape(tape.Constant(batch.Coordinates), points, shape[2]));
            var loss = Ops.MseLoss(predicted, Ops.Reshape(tape.Constant(batch.Values), points, 1));
            return (loss, LossTerms.Of(loss.Item()));
        };
    }
}
