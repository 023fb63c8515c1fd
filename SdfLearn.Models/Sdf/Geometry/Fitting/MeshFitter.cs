using System.Diagnostics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Optimizers;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// Learns one mesh's signed distance field: DeepSDF samples of the mesh (<see cref="MeshSdfSampler"/>), then a DeepSDF
/// decoder of 3D points (no latent) trained with Adam on minibatches of samples, the squared error against targets
/// clamped to ±δ. Deterministic for a seed and thread count.
/// </summary>
public static class MeshFitter
{
    /// <summary>Samples <paramref name="mesh"/> and trains a decoder on it.</summary>
    public static MeshFit Fit(TriangleMesh mesh, MeshFitOptions? options = null, IProgress<MeshFitProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        options ??= new MeshFitOptions();
        options.Validate();
        return Train(MeshSdfSampler.Sample(mesh, options.Sampling), options, progress, cancellation);
    }

    /// <summary>Trains a decoder on given <paramref name="samples"/>.</summary>
    public static MeshFit Train(SdfSamples samples, MeshFitOptions options, IProgress<MeshFitProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var decoder = FitRecipe.Decoder(0, options.HiddenWidth, options.HiddenLayers, options.Seed);
        var optimizer = new Adam<float>(decoder.Parameters(), options.LearningRate);
        var tape = new Tape<float>();
        int batch = options.BatchSize, steps = samples.Count / batch;
        var points = new Tensor<float>(new Shape(batch, 3));
        var targets = new Tensor<float>(new Shape(batch, 1));
        var order = new int[samples.Count];
        var losses = new List<double>();
        var clock = Stopwatch.StartNew();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            optimizer.LearningRate = options.LearningRate * FitRecipe.RateFactor(epoch, options.Epochs);
            for (int i = 0; i < order.Length; i++) order[i] = i;
            SeededRandom.Derive(options.Seed, 2, (ulong)epoch).Shuffle<int>(order);
            double sum = 0;
            for (int step = 0; step < steps; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                for (int i = 0; i < batch; i++)
                {
                    int k = order[step * batch + i];
                    samples.Points.AsSpan(3 * k, 3).CopyTo(points.Span.Slice(3 * i, 3));
                    targets.Span[i] = Math.Clamp(samples.Values[k], -options.ClampDistance, options.ClampDistance);
                }
                tape.Reset();
                optimizer.ZeroGrad();
                var loss = Ops.MseLoss(decoder.Forward(tape.Constant(points)), tape.Constant(targets));
                float value = loss.Value.Span[0];
                if (!float.IsFinite(value)) throw new InvalidOperationException($"The loss became {value} at epoch {epoch + 1}, step {step + 1}.");
                sum += value;
                tape.Backward(loss);
                optimizer.Step();
            }
            losses.Add(sum / steps);
            progress?.Report(new MeshFitProgress(epoch + 1, options.Epochs, sum / steps, clock.Elapsed));
        }
        return new MeshFit(decoder, samples.Normalization, losses);
    }
}
