using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Data;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Training;

namespace SdfLearn.Tests.Nn.Training;

/// <summary>
/// A general (non-SDF) training problem for the trainer: a linear layer learns y = x·w on batches drawn from
/// (seed, epoch, batch), so the trainer's contract is tested without any model or data type of the SDF part.
/// </summary>
internal sealed class ToyRegression(ulong seed, int batches = 6, int batchSize = 8) : IBatchSource<(Tensor<float> X, Tensor<float> Y)>
{
    private static readonly float[] TrueWeights = [0.5f, -1.5f, 2f];

    public int BatchesPerEpoch => batches;

    /// <summary>When set, batch values of this epoch and batch index are NaN (to test the guards).</summary>
    public (int Epoch, int Batch)? Poisoned { get; init; }

    public IEnumerable<(Tensor<float> X, Tensor<float> Y)> Epoch(int epoch, int startBatch = 0)
    {
        for (int b = startBatch; b < batches; b++)
        {
            var random = SeededRandom.Derive(seed, (ulong)epoch, (ulong)b);
            var x = new Tensor<float>(new Shape(batchSize, 3));
            random.FillUniform(x.Span, -1f, 1f);
            var y = new Tensor<float>(new Shape(batchSize, 1));
            for (int i = 0; i < batchSize; i++)
                y.Span[i] = Poisoned == (epoch, b) ? float.NaN : x[i, 0] * TrueWeights[0] + x[i, 1] * TrueWeights[1] + x[i, 2] * TrueWeights[2];
            yield return (x, y);
        }
    }

    public static Linear<float> Model() => new(3, 1, new SeededRandom(3));

    /// <summary>MSE, plus a noise term from the context so exact resume also covers the noise stream.</summary>
    public static LossFunction<(Tensor<float> X, Tensor<float> Y)> Loss(Linear<float> model) => (batch, tape, context) =>
    {
        var noisy = batch.X.Clone();
        noisy.Span[0] += (float)(1e-3 * context.Noise.NextNormal());
        var loss = Ops.MseLoss(model.Forward(tape.Constant(noisy)), tape.Constant(batch.Y));
        return (loss, LossTerms.Of(loss.Item(), ("mse", loss.Item())));
    };
}
