using SdfLearn.Core;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Schedules;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Training;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Consumer;

/// <summary>Fits a small DeepSDF decoder to the signed distance of a ball, |p| - r, with the general trainer.</summary>
public static class ShapeFit
{
    private const int Epochs = 1000, StopAt = 500; // one batch per epoch, so epochs are steps

    public static void Run(int dimension, float radius, string folder)
    {
        var data = PointSamples.Sample(p => Norm(p) - radius, dimension, points: 16_384, low: -1f, high: 1f, seed: 11);
        var straight = Create(dimension, seed: 7);
        double last = Trainer(straight, data, checkpoint: null).Run().History[^1].Train.Total;

        // The same run stopped (as by Ctrl+C) after StopAt steps, then resumed from its checkpoint by a fresh process' objects.
        string checkpoint = Path.Combine(folder, $"ball{dimension}d.safetensors");
        using var stop = new CancellationTokenSource();
        var interrupted = Trainer(Create(dimension, seed: 7), data, checkpoint, new StopAfter(StopAt, stop)).Run(stop.Token);
        Require(interrupted.Interrupted && Checkpoint.ReadState(checkpoint).Step == StopAt, $"the run did not stop at step {StopAt}");
        double half = interrupted.History[^1].Train.Total;
        var resumed = Create(dimension, seed: 7);
        double resumedLast = Trainer(resumed, data, checkpoint).Run(resumeFrom: checkpoint).History[^1].Train.Total;
        Require(resumedLast == last, $"the resumed run ends at loss {resumedLast}, the uninterrupted one at {last}");
        Require(Weights(resumed).SequenceEqual(Weights(straight)), "the resumed run's weights differ from the uninterrupted run's");

        // The final checkpoint's weights into a model built with other initial weights.
        var reloaded = Create(dimension, seed: 8);
        Checkpoint.LoadModel(checkpoint, reloaded);
        Require(Weights(reloaded).SequenceEqual(Weights(straight)), "the reloaded weights differ from the trained ones");
        var probes = new Tensor<float>(new Shape(3, dimension)); // the centre, a point on the surface, a point outside
        (probes[1, dimension - 1], probes[2, dimension - 1]) = (radius, 0.8f);
        var predicted = reloaded.Predict(probes).ToArray();
        Require(predicted[0] < -radius / 3, $"distance at the centre is {predicted[0]}, expected clearly negative ({-radius})");
        Require(Math.Abs(predicted[1]) < 0.05f, $"distance on the surface is {predicted[1]}, expected 0");
        Require(Math.Abs(predicted[2] - (0.8f - radius)) < 0.05f, $"distance at 0.8 from the centre is {predicted[2]}, expected {0.8f - radius}");
        Require(last < 1e-3, $"the mean squared error is still {last} after {Epochs} steps");
        if (dimension == 2) DrawField(reloaded, Path.Combine(folder, "disc.png"));
        Console.WriteLine($"consumer: {dimension}D ball, {straight.ParameterCount()} parameters, loss {half:G3} at step {StopAt}, {last:G3} at {Epochs}, resumed run identical, reload ok");
    }

    private static DeepSdfDecoder<float> Create(int dimension, ulong seed) =>
        new(latentSize: 0, new SeededRandom(seed), hiddenWidth: 32, hiddenLayers: 3, skipLayer: null, coordinateDimension: dimension, tanhOutput: false);

    private static Trainer<PointBatch> Trainer(DeepSdfDecoder<float> model, PointSamples data, string? checkpoint, IProgress<TrainingProgress>? progress = null) =>
        new(model, new PointSampleLoader(data, batchSize: 1, seed: 3, pointsPerShape: 256), validation: null, PointSdfLoss.MeanSquaredError(model),
            new Adam<float>(model.Parameters(), learningRate: 1e-2),
            new TrainingOptions { Epochs = Epochs, Seed = 5, CheckpointPath = checkpoint, Schedule = new LinearWarmup(50, new CosineDecay(MinFactor: 0.1)) })
        { Progress = progress };

    private static float Norm(ReadOnlySpan<float> point)
    {
        float sum = 0;
        foreach (float x in point) sum += x * x;
        return MathF.Sqrt(sum);
    }

    private static float[] Weights(DeepSdfDecoder<float> model) => model.Parameters().SelectMany(p => p.Value.ToArray()).ToArray();

    private static void DrawField(DeepSdfDecoder<float> model, string path)
    {
        SdfPicture.SavePng(path, model.Predict(DeepSdfImageDecoder<float>.PixelCoordinates(64)).Span, resolution: 64);
        var signature = File.ReadAllBytes(path)[..4];
        Require(signature.SequenceEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }), "the picture is not a PNG");
    }

    private static void Require(bool condition, string failure)
    {
        if (!condition) throw new InvalidOperationException(failure);
    }

    /// <summary>Cancels after a number of steps, as Ctrl+C would.</summary>
    private sealed class StopAfter(int steps, CancellationTokenSource stop) : IProgress<TrainingProgress>
    {
        private int _seen;

        public void Report(TrainingProgress value)
        {
            if (++_seen == steps) stop.Cancel();
        }
    }
}
