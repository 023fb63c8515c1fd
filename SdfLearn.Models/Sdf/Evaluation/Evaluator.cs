using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Data;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Training;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>Reconstructs held-out fields with a trained model and measures them (<see cref="TestMetrics"/>).</summary>
public static class Evaluator
{
    /// <summary>
    /// Encodes and decodes every field of <paramref name="data"/> at its own resolution and compares with the truth;
    /// also averages the model's loss over the fields (fixed query points and noise from <paramref name="seed"/>).
    /// </summary>
    public static TestMetrics Evaluate(ISdfFieldModel model, SdfDataset data, ulong seed = 0, int batchSize = 100)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var reconstruction = Reconstruct(model, data.Fields);
        return new TestMetrics(data.Count,
            SdfMetrics.MeanSquaredError(reconstruction, data.Fields),
            SdfMetrics.InsideIoU(reconstruction, data.Fields),
            MeanLoss(model, data, seed, Math.Min(batchSize, data.Count)),
            ValueSpread.Of(reconstruction.Span), ValueSpread.Of(data.Fields.Span));
    }

    /// <summary>Fields [N, 1, S, S] reconstructed from fields [N, 1, S, S] (posterior means for a VAE).</summary>
    public static Tensor<float> Reconstruct(ISdfFieldModel model, Tensor<float> fields)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(fields);
        return model.Decode(model.Encode(fields), fields.Shape[^1]);
    }

    private static LossTerms MeanLoss(ISdfFieldModel model, SdfDataset data, ulong seed, int batchSize)
    {
        var loader = new SdfDataLoader(data, batchSize, seed, shuffle: false, model.TrainingPoints);
        var tape = new Tape<float>();
        var sums = LossTerms.Zero;
        int batches = 0;
        using (tape.NoGrad())
        {
            foreach (var batch in loader.Epoch(0))
            {
                tape.Reset();
                sums += model.Loss(batch, tape, new LossContext(SeededRandom.Derive(seed, (ulong)batches), double.PositiveInfinity)).Terms;
                batches++;
            }
        }
        return sums / batches;
    }
}
