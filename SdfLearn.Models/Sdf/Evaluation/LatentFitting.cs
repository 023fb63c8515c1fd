using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Nn.Optimizers;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>
/// DeepSDF's test-time optimisation: with a trained <see cref="DeepSdfDecoder{T}"/> frozen, find for each new shape the
/// latent code whose decoded field best matches the shape's observed points (all pixels, or only some), by Adam on the
/// latent alone. The objective is the auto-decoder's training loss, <see cref="Objective"/>. Works for any decoder, so
/// also for an encoder-based autoencoder's. Shapes are fitted in batches whose loss is the sum of the per-shape
/// losses, so each shape's latent is the same as if it were fitted alone. Not thread-safe for one decoder: fitting
/// freezes its parameters (<see cref="Parameter{T}.RequiresGrad"/> = false) and restores them afterwards.
/// </summary>
public static class LatentFitting
{
    private const ulong InitialLatentStream = 0x4C4154454E54; // stream keys for SeededRandom.Derive
    private const ulong ObservedPointStream = 0x504F494E5453;
    private const ulong StepPointStream = 0x53544550;

    /// <summary>
    /// The auto-decoder loss of a batch of B shapes: the mean squared error over all points plus
    /// <paramref name="priorWeight"/> times the mean over shapes of ||z||² (the negative log density of a Gaussian
    /// prior on the latents, up to constants; DeepSDF's code regularisation). Latents [B, L], points [B, P, d] or
    /// [B·P, d], values with B·P elements. With <paramref name="clampDistance"/> δ, prediction and target are clamped to
    /// [-δ, δ] first (DeepSDF). Returns the loss and its two parts (the prior part unweighted).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The values do not hold one number per point.</exception>
    public static (Variable<float> Loss, Variable<float> Reconstruction, Variable<float> Prior) Objective(Tape<float> tape,
        DeepSdfDecoder<float> decoder, Variable<float> latents, Variable<float> points, Variable<float> values, double priorWeight,
        double? clampDistance = null)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(latents);
        ArgumentNullException.ThrowIfNull(values);
        var prediction = decoder.Forward(latents, points);
        if (values.Shape.Length != prediction.Shape.Length)
            throw new ShapeMismatchException($"LatentFitting: {prediction.Shape[0]} points but values of shape {values.Shape}.");
        var targets = values.Shape == prediction.Shape ? values : Ops.Reshape(values, prediction.Shape[0], 1);
        if (clampDistance is double limit)
            (prediction, targets) = (Ops.Clamp(prediction, -(float)limit, (float)limit), Ops.Clamp(targets, -(float)limit, (float)limit));
        var reconstruction = Ops.MseLoss(prediction, targets);
        var prior = Ops.Scale(Ops.Sum(Ops.Square(latents)), 1f / latents.Shape[0]);
        return (Ops.Add(reconstruction, Ops.Scale(prior, (float)priorWeight)), reconstruction, prior);
    }

    /// <summary>
    /// Latents [N, L] fitted to fields [N, 1, S, S] (or [N, S, S]) of a 2D decoder, observing every pixel or, with
    /// <see cref="LatentFittingOptions.PointFraction"/> below 1, a random share of them (<see cref="ObservedPoints"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The decoder is not 2D or the fields are not square.</exception>
    public static Tensor<float> FitToFields(DeepSdfDecoder<float> decoder, Tensor<float> fields, LatentFittingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        options ??= new LatentFittingOptions();
        options.Validate();
        if (decoder.CoordinateDimension != 2)
            throw new ArgumentException($"Fitting to pixel fields needs a 2D decoder; this one takes {decoder.CoordinateDimension}D coordinates.", nameof(decoder));
        var (points, values) = ObservedPoints(fields, options.PointFraction, options.Seed);
        return Fit(decoder, points, values, options);
    }

    /// <summary>
    /// The observed points of fields [N, 1, S, S] (or [N, S, S]): for each field, round(fraction · S²) distinct pixels
    /// (at least one) chosen at random from (seed, field index), or all pixels in order for fraction 1. Returns their
    /// coordinates [N, P, 2] (row, column, as <see cref="SdfGrid"/>) and values [N, P, 1].
    /// </summary>
    /// <exception cref="ArgumentException">The fields are not a stack of square fields.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside (0, 1].</exception>
    public static (Tensor<float> Points, Tensor<float> Values) ObservedPoints(Tensor<float> fields, double fraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var dims = fields.Shape.Dims;
        int size = dims.Length > 0 ? dims[^1] : 0;
        if (dims.Length is < 3 or > 4 || dims[^2] != size || (dims.Length == 4 && dims[1] != 1) || dims[0] == 0)
            throw new ArgumentException($"Expected fields of shape [N, 1, S, S] or [N, S, S], got {fields.Shape}.", nameof(fields));
        if (!(fraction > 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction of observed pixels must be in (0, 1].");
        int count = dims[0], pixels = size * size;
        int observed = Math.Max(1, (int)Math.Round(fraction * pixels));
        var points = new Tensor<float>(new Shape(count, observed, 2));
        var values = new Tensor<float>(new Shape(count, observed, 1));
        var order = new int[pixels];
        for (int n = 0; n < count; n++)
        {
            for (int p = 0; p < pixels; p++) order[p] = p;
            if (observed < pixels) ShuffleFirst(order, observed, SeededRandom.Derive(seed, ObservedPointStream, (ulong)n));
            var field = fields.Span.Slice(n * pixels, pixels);
            for (int k = 0; k < observed; k++)
            {
                int pixel = order[k], at = n * observed + k;
                points.Span[2 * at] = SdfGrid.Coordinate(pixel / size, size);
                points.Span[2 * at + 1] = SdfGrid.Coordinate(pixel % size, size);
                values.Span[at] = field[pixel];
            }
        }
        return (points, values);
    }

    /// <summary>
    /// Latents [N, L] fitted to observed points [N, P, d] with signed distances [N, P, 1] (or [N, P]): Adam on the
    /// latents only, minimising each shape's <see cref="Objective"/>, with the decoder's parameters frozen meanwhile.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The points are not [N, P, d] for the decoder's d, or the values do not match them.</exception>
    public static Tensor<float> Fit(DeepSdfDecoder<float> decoder, Tensor<float> points, Tensor<float> values, LatentFittingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(values);
        options ??= new LatentFittingOptions();
        options.Validate();
        if (points.Rank != 3 || points.Shape[2] != decoder.CoordinateDimension || points.Shape[0] == 0 || points.Shape[1] == 0)
            throw new ShapeMismatchException($"LatentFitting: expected points [N, P, {decoder.CoordinateDimension}], got {points.Shape}.");
        int count = points.Shape[0], perShape = points.Shape[1], dimension = decoder.CoordinateDimension;
        if (values.Length != count * perShape || values.Rank < 2 || values.Shape[0] != count)
            throw new ShapeMismatchException($"LatentFitting: points {points.Shape} need values [{count}, {perShape}, 1], got {values.Shape}.");

        var latents = new Tensor<float>(new Shape(count, decoder.LatentSize));
        var decoderParameters = decoder.Parameters().ToArray();
        var wasTrainable = decoderParameters.Select(p => p.RequiresGrad).ToArray();
        try
        {
            foreach (var parameter in decoderParameters) parameter.RequiresGrad = false;
            for (int first = 0; first < count; first += options.ShapesPerBatch)
            {
                int shapes = Math.Min(options.ShapesPerBatch, count - first);
                var chunkPoints = Rows(points, first, shapes, perShape, dimension);
                var chunkValues = Rows(values, first, shapes, perShape, 1);
                FitBatch(decoder, chunkPoints, chunkValues, first, options)
                    .CopyTo(latents.Span.Slice(first * decoder.LatentSize, shapes * decoder.LatentSize));
            }
        }
        finally
        {
            for (int i = 0; i < decoderParameters.Length; i++) decoderParameters[i].RequiresGrad = wasTrainable[i];
        }
        return latents;
    }

    /// <summary>Fits the latents of one batch of shapes (shape n of the batch is shape first + n of the whole input).</summary>
    private static ReadOnlySpan<float> FitBatch(DeepSdfDecoder<float> decoder, Tensor<float> points, Tensor<float> values, int first,
        LatentFittingOptions options)
    {
        int shapes = points.Shape[0], latentSize = decoder.LatentSize;
        var latents = new Parameter<float>(new Tensor<float>(new Shape(shapes, latentSize)));
        for (int n = 0; n < shapes; n++)
            SeededRandom.Derive(options.Seed, InitialLatentStream, (ulong)(first + n))
                .FillNormal(latents.Value.Span.Slice(n * latentSize, latentSize), 0f, (float)options.InitialStandardDeviation);
        var subset = options.PointsPerStep is int perStep && perStep < points.Shape[1] ? new StepSubset(points, values, perStep, first, options.Seed) : null;
        var adam = new Adam<float>([latents], options.LearningRate);
        var tape = new Tape<float>();
        int secondHalf = (options.Steps + 1) / 2;
        for (int step = 0; step < options.Steps; step++)
        {
            if (step == secondHalf) adam.LearningRate = options.LearningRate / 10;
            subset?.Draw();
            tape.Reset();
            latents.ZeroGrad();
            var (loss, _, _) = Objective(tape, decoder, tape.Watch(latents), tape.Constant(subset?.Points ?? points),
                tape.Constant(subset?.Values ?? values), options.PriorWeight, options.ClampDistance);
            // The objective averages over shapes; times the shape count it is the sum of per-shape losses, so a shape's
            // gradient does not depend on how many others share its batch.
            tape.Backward(Ops.Scale(loss, (float)shapes));
            adam.Step();
        }
        return latents.Value.Span;
    }

    /// <summary>
    /// A fresh random subset of each shape's observed points for every step, drawn from a generator per shape (so
    /// batching does not change it); its buffers are reused from step to step.
    /// </summary>
    private sealed class StepSubset
    {
        private readonly Tensor<float> _allPoints, _allValues;
        private readonly SeededRandom[] _randoms;
        private readonly int[][] _orders;

        public StepSubset(Tensor<float> points, Tensor<float> values, int perStep, int first, ulong seed)
        {
            (_allPoints, _allValues) = (points, values);
            int shapes = points.Shape[0], observed = points.Shape[1];
            _randoms = Enumerable.Range(0, shapes).Select(n => SeededRandom.Derive(seed, StepPointStream, (ulong)(first + n))).ToArray();
            _orders = Enumerable.Range(0, shapes).Select(_ => Enumerable.Range(0, observed).ToArray()).ToArray();
            Points = new Tensor<float>(new Shape(shapes, perStep, points.Shape[2]));
            Values = new Tensor<float>(new Shape(shapes, perStep, 1));
        }

        public Tensor<float> Points { get; }

        public Tensor<float> Values { get; }

        public void Draw()
        {
            int observed = _allPoints.Shape[1], perStep = Points.Shape[1], d = Points.Shape[2];
            for (int n = 0; n < _orders.Length; n++)
            {
                var order = _orders[n];
                ShuffleFirst(order, perStep, _randoms[n]);
                for (int k = 0; k < perStep; k++)
                {
                    int from = n * observed + order[k], to = n * perStep + k;
                    _allPoints.Span.Slice(from * d, d).CopyTo(Points.Span.Slice(to * d, d));
                    Values.Span[to] = _allValues.Span[from];
                }
            }
        }
    }

    /// <summary>Partial Fisher-Yates: afterwards the first <paramref name="count"/> entries are a uniformly random subset, in random order.</summary>
    private static void ShuffleFirst(Span<int> order, int count, SeededRandom random)
    {
        for (int k = 0; k < count; k++)
        {
            int pick = k + random.NextInt(order.Length - k);
            (order[k], order[pick]) = (order[pick], order[k]);
        }
    }

    /// <summary>Shapes first .. first + count - 1 of a [N, P, width] tensor, copied.</summary>
    private static Tensor<float> Rows(Tensor<float> all, int first, int count, int perShape, int width)
    {
        int run = perShape * width;
        return new Tensor<float>(all.Span.Slice(first * run, count * run).ToArray(), new Shape(count, perShape, width));
    }
}
