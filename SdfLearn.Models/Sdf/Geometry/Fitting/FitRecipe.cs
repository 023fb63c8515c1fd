using System.IO.Hashing;
using System.Runtime.InteropServices;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Core.Distributed;
using SdfLearn.Nn.Distributed;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Losses;

namespace SdfLearn.Sdf.Geometry;

/// <summary>
/// What the fitters share: the decoder they build, the learning-rate steps, the data term, the progress lines and the
/// data-parallel set-up.
/// </summary>
internal static class FitRecipe
{
    /// <summary>
    /// A DeepSDF decoder of 3D points with a linear output, the skip connection into the middle hidden layer; PyTorch's
    /// initialisation, or the geometric one (<see cref="DeepSdfGeometricInit"/>) when <paramref name="geometricInitRadius"/> is given.
    /// </summary>
    public static DeepSdfDecoder<float> Decoder(int latentSize, int hiddenWidth, int hiddenLayers, ulong seed, double? geometricInitRadius)
    {
        int skip = hiddenLayers / 2 + 1;
        bool skips = skip <= hiddenLayers && hiddenWidth > latentSize + 3;
        var decoder = new DeepSdfDecoder<float>(latentSize, SeededRandom.Derive(seed, 1), hiddenWidth, hiddenLayers, skips ? skip : null,
            coordinateDimension: 3, tanhOutput: false);
        if (geometricInitRadius is double radius) decoder.InitializeGeometric(radius, SeededRandom.Derive(seed, 1, 1));
        return decoder;
    }

    /// <summary>Checks the settings both fitters share.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size, count or rate is not positive.</exception>
    public static void CheckTraining(int hiddenWidth, int hiddenLayers, int epochs, double learningRate, float clampDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenLayers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        if (!(learningRate > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be positive.");
        if (!(clampDistance > 0)) throw new ArgumentOutOfRangeException(nameof(clampDistance), clampDistance, "The clamp distance must be positive.");
    }

    /// <summary>Checks the eikonal weight both fitters take.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The weight is negative or not finite.</exception>
    public static void CheckEikonalWeight(float weight)
    {
        if (!(weight >= 0 && float.IsFinite(weight)))
            throw new ArgumentOutOfRangeException("EikonalWeight", weight, "The eikonal weight must be finite and not negative.");
    }

    /// <summary>Checks the initial sphere's radius both fitters take.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The radius is given but not positive and finite.</exception>
    public static void CheckGeometricInitRadius(double? radius)
    {
        if (radius is double r) DeepSdfGeometricInit.CheckRadius(r, "GeometricInitRadius");
    }

    /// <summary>
    /// The fitters' data loss on a batch: the squared error of <paramref name="prediction"/> [n, 1] against targets clamped
    /// to ±<paramref name="clamp"/>, plus <paramref name="eikonalWeight"/> · mean((|∇ₓf| − 1)²) when the prediction's
    /// coordinate <paramref name="gradient"/> is given. With the eikonal term the prediction is clamped to ±δ as well, as
    /// in DeepSDF: beyond the band the targets say only "far", so the eikonal term shapes the field there (clamping only
    /// the targets would ask for a flat field, against the eikonal term's unit slope). The terms are "sdf" and, with the
    /// eikonal term, "eikonal".
    /// </summary>
    public static (Variable<float> Loss, (string Name, double Value)[] Terms) DataLoss(Variable<float> prediction, Variable<float>? gradient,
        Tape<float> tape, Tensor<float> values, float clamp, float eikonalWeight)
    {
        if (gradient is null)
        {
            var loss = ClampedSquaredError(prediction, tape, values, clamp);
            return (loss, [("sdf", loss.Value.Span[0])]);
        }
        var fit = ClampedSquaredError(Ops.Clamp(prediction, -clamp, clamp), tape, values, clamp);
        var eikonal = SdfLosses.Eikonal(gradient);
        return (Ops.Add(fit, Ops.Scale(eikonal, eikonalWeight)), [("sdf", fit.Value.Span[0]), ("eikonal", eikonal.Value.Span[0])]);
    }

    /// <summary>Squared error of <paramref name="prediction"/> [n, 1] against <paramref name="values"/> (n values, any shape) clamped to ±<paramref name="clamp"/>.</summary>
    public static Variable<float> ClampedSquaredError(Variable<float> prediction, Tape<float> tape, Tensor<float> values, float clamp) =>
        Ops.MseLoss(prediction, Ops.Reshape(Ops.Clamp(tape.Constant(values), -clamp, clamp), values.Length, 1));

    /// <summary>Forwards the trainer's epoch records as <see cref="MeshFitProgress"/>.</summary>
    public static IProgress<EpochRecord>? EpochReports(IProgress<MeshFitProgress>? progress, int epochs)
    {
        if (progress is null) return null;
        double seconds = 0;
        return new Relay(record =>
        {
            seconds += record.Seconds;
            progress.Report(new MeshFitProgress(record.Epoch, epochs, record.Train.Total, TimeSpan.FromSeconds(seconds)));
        });
    }

    /// <summary>
    /// The trainer's data-parallel part over <paramref name="communicator"/>'s ranks (each takes its shard of every
    /// global batch of <paramref name="globalCount"/> items, cut by <paramref name="sharder"/>), or null for one process.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The batch has fewer items than there are ranks.</exception>
    public static DataParallel<PointBatch>? Parallel(ICommunicator? communicator, PointBatchSharder sharder, int globalCount, string option, string items)
    {
        CheckBatch(communicator, globalCount, option, items);
        return communicator is { Size: > 1 } ? new DataParallel<PointBatch>(communicator, sharder) : null;
    }

    /// <summary>Checks that a global batch of <paramref name="globalCount"/> items gives each rank at least one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The batch has fewer items than there are ranks.</exception>
    public static void CheckBatch(ICommunicator? communicator, int globalCount, string option, string items)
    {
        int ranks = communicator?.Size ?? 1;
        if (globalCount < ranks)
            throw new ArgumentOutOfRangeException(option, globalCount, $"A batch of {globalCount} {items} cannot give each of {ranks} ranks one; use at least {ranks}.");
    }

    /// <summary>
    /// Checks that every rank trains on the same samples: each rank hashes its own (XxHash3 of the counts, points, values
    /// and normalisations), rank 0's hash is broadcast, and the ranks that differ are counted in one all-reduce, so all
    /// ranks throw together or none does. Nothing is done in one process.
    /// </summary>
    /// <exception cref="InvalidDataException">Some rank's samples differ from rank 0's.</exception>
    public static void CheckSameSamples(ICommunicator? communicator, IReadOnlyList<SdfSamples> samples)
    {
        if (communicator is not { Size: > 1 }) return;
        var hash = new XxHash3();
        hash.Append(MemoryMarshal.AsBytes<int>([samples.Count]));
        foreach (var shape in samples)
        {
            var n = shape.Normalization;
            hash.Append(MemoryMarshal.AsBytes<float>([shape.Count, n.Scale, n.Translation.X, n.Translation.Y, n.Translation.Z]));
            hash.Append(MemoryMarshal.AsBytes(shape.Points.AsSpan()));
            hash.Append(MemoryMarshal.AsBytes(shape.Values.AsSpan()));
        }
        Span<byte> own = stackalloc byte[8], root = stackalloc byte[8];
        hash.GetCurrentHash(own);
        own.CopyTo(root);
        communicator.Broadcast(root, 0);
        Span<float> differing = [own.SequenceEqual(root) ? 0 : 1];
        communicator.AllReduceSum(differing);
        if (differing[0] > 0)
            throw new InvalidDataException(
                $"The training samples of {differing[0]:F0} of the {communicator.Size} ranks differ from rank 0's: every rank must sample the same " +
                "meshes with the same options (are the mesh files the same on every machine?).");
    }

    /// <summary>
    /// Throws <see cref="OperationCanceledException"/> when the run stopped early. With several ranks only what they
    /// agreed counts (<see cref="TrainingResult.Interrupted"/>: all stop after the same step, whichever rank was asked),
    /// never this rank's own token, so all ranks throw together or none does.
    /// </summary>
    public static void ThrowIfInterrupted(TrainingResult result, ICommunicator? communicator, CancellationToken cancellation)
    {
        if (result.Interrupted || (communicator is not { Size: > 1 } && cancellation.IsCancellationRequested))
            throw new OperationCanceledException("The fit was interrupted.", cancellation);
    }

    /// <summary>Reports synchronously on the training thread.</summary>
    private sealed class Relay(Action<EpochRecord> report) : IProgress<EpochRecord>
    {
        public void Report(EpochRecord value) => report(value);
    }
}
