using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Serialization;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Consumer;

/// <summary>Fits a small decoder to the signed distance of a ball, |p| - r, with a plain loop over Tape, Ops and Adam.</summary>
public static class ShapeFit
{
    private const int Steps = 600, CheckpointStep = 300, BatchSize = 256;

    public static void Run(int dimension, float radius, string folder)
    {
        string checkpoint = Path.Combine(folder, $"ball{dimension}d-step{CheckpointStep}.safetensors");
        var (model, optimizer) = Create(dimension);
        float half = Train(model, optimizer, dimension, radius, 0, CheckpointStep, checkpoint);
        float last = Train(model, optimizer, dimension, radius, CheckpointStep, Steps, null);

        var (resumed, resumedOptimizer) = Create(dimension);
        TrainingCheckpoint.Load(checkpoint, resumed, resumedOptimizer);
        float resumedLast = Train(resumed, resumedOptimizer, dimension, radius, CheckpointStep, Steps, null);
        Require(resumedLast == last, $"resumed run ends at loss {resumedLast}, the uninterrupted one at {last}");

        string weights = Path.Combine(folder, $"ball{dimension}d.safetensors");
        model.SaveSafeTensors(weights);
        var (reloaded, _) = Create(dimension);
        reloaded.LoadSafeTensors(weights);
        foreach (float along in (ReadOnlySpan<float>)[radius, 0.8f])
        {
            var point = new float[dimension];
            point[dimension - 1] = along;
            float predicted = Predict(reloaded, point, dimension)[0];
            Require(Math.Abs(predicted - (along - radius)) < 0.05f, $"distance at {along} from the centre is {predicted}, expected {along - radius}");
        }
        float atCentre = Predict(reloaded, new float[dimension], dimension)[0];
        Require(atCentre < -radius / 3, $"distance at the centre is {atCentre}, expected clearly negative ({-radius})");
        Require(last < 1e-3f, $"the mean squared error is still {last} after {Steps} steps");
        if (dimension == 2) DrawField(reloaded, Path.Combine(folder, "disc.png"));
        Console.WriteLine($"consumer: {dimension}D ball, {model.ParameterCount()} parameters, loss {half:G3} at step {CheckpointStep}, {last:G3} at {Steps}, resumed run identical, reload ok");
    }

    private static (DeepSdfDecoder<float>, Adam<float>) Create(int dimension)
    {
        var model = new DeepSdfDecoder<float>(latentSize: 0, new SeededRandom(7), hiddenWidth: 32, hiddenLayers: 3, skipLayer: null,
            coordinateDimension: dimension, tanhOutput: false);
        return (model, new Adam<float>(model.Parameters(), learningRate: 3e-3));
    }

    /// <summary>Steps [from, to) on batches drawn from each step's own seed; saves a checkpoint at the end when asked; returns the last loss.</summary>
    private static float Train(DeepSdfDecoder<float> model, Adam<float> optimizer, int dimension, float radius, int from, int to, string? checkpoint)
    {
        var tape = new Tape<float>();
        float loss = float.NaN;
        for (int step = from; step < to; step++)
        {
            var random = SeededRandom.Derive(11, (ulong)step);
            var points = new float[BatchSize * dimension];
            random.FillUniform<float>(points, -1f, 1f);
            var targets = new float[BatchSize];
            for (int n = 0; n < BatchSize; n++)
                targets[n] = MathF.Sqrt(points.AsSpan(n * dimension, dimension).ToArray().Sum(x => x * x)) - radius;

            tape.Reset();
            optimizer.ZeroGrad();
            var prediction = model.Forward(tape.Constant(Tensor<float>.FromValues(points, BatchSize, dimension)));
            var error = Ops.Mean(Ops.Square(prediction - tape.Constant(Tensor<float>.FromValues(targets, BatchSize, 1))));
            tape.Backward(error);
            optimizer.Step();
            loss = error.Item();
            Require(float.IsFinite(loss), $"loss became {loss} at step {step}");
        }
        if (checkpoint is not null) TrainingCheckpoint.Save(checkpoint, model, optimizer);
        return loss;
    }

    private static float[] Predict(DeepSdfDecoder<float> model, float[] points, int dimension)
    {
        var tape = new Tape<float>();
        using (tape.NoGrad())
            return model.Forward(tape.Constant(Tensor<float>.FromValues(points, points.Length / dimension, dimension))).Value.Span.ToArray();
    }

    private static void DrawField(DeepSdfDecoder<float> model, string path)
    {
        const int size = 64;
        var grid = new float[size * size * 2];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
                (grid[2 * (i * size + j)], grid[2 * (i * size + j) + 1]) = (2f * i / size - 1f, 2f * j / size - 1f);
        SdfPicture.SavePng(path, Predict(model, grid, 2), size);
        var signature = File.ReadAllBytes(path)[..4];
        Require(signature.SequenceEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }), "the picture is not a PNG");
    }

    private static void Require(bool condition, string failure)
    {
        if (!condition) throw new InvalidOperationException(failure);
    }
}
