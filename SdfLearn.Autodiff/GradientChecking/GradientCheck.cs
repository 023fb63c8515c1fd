using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

/// <summary>
/// Compares the tape's analytic gradients with central finite differences, for any op or whole model. Give it the
/// parameters (wrap plain inputs as <see cref="Parameter{T}"/> and <see cref="Tape{T}.Watch"/> them) and a function
/// that builds the scalar loss on the tape it is handed; the function is called once with recording on, then twice
/// per checked element under <see cref="Tape{T}.NoGrad"/>, each time on a freshly reset tape, so it must be
/// deterministic (re-create any <see cref="SeededRandom"/> inside it). The analytic gradients come from a second
/// recorded step whose recycled buffers were first filled with NaN, so an op that reads a reused buffer before
/// writing it fails the check. Run it in double precision.
/// </summary>
public static class GradientCheck
{
    /// <summary>Checks the gradients of <paramref name="parameters"/>, named by their position ("0", "1", ...).</summary>
    public static GradientCheckResult Run<T>(Func<Tape<T>, Variable<T>> buildLoss, IReadOnlyList<Parameter<T>> parameters,
        GradientCheckOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Run(buildLoss, parameters.Select((p, i) => KeyValuePair.Create(i.ToString(System.Globalization.CultureInfo.InvariantCulture), p)), options);
    }

    /// <summary>
    /// Checks the gradients of named parameters (e.g. a model's state-dict names). Parameters that do not require a
    /// gradient are skipped. Each parameter's <see cref="Parameter{T}.Grad"/> and value are restored afterwards.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loss is not one element, or backward fails.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is not positive.</exception>
    public static GradientCheckResult Run<T>(Func<Tape<T>, Variable<T>> buildLoss, IEnumerable<KeyValuePair<string, Parameter<T>>> parameters,
        GradientCheckOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(buildLoss);
        ArgumentNullException.ThrowIfNull(parameters);
        options ??= new GradientCheckOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Step, nameof(options.Step));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RelativeTolerance, nameof(options.RelativeTolerance));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.AbsoluteTolerance, nameof(options.AbsoluteTolerance));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxElementsPerTensor, nameof(options.MaxElementsPerTensor));
        var checkedParameters = parameters.Where(p => p.Value.RequiresGrad).ToList();
        var savedGrads = checkedParameters.Select(p => p.Value.Grad.Clone()).ToList();
        var tape = new Tape<T>();
        try
        {
            foreach (var (_, p) in checkedParameters) p.ZeroGrad();
            tape.Backward(buildLoss(tape)); // warm-up step: fills the tape's pool
            tape.ResetAndPoison();
            foreach (var (_, p) in checkedParameters) p.ZeroGrad();
            var loss = buildLoss(tape);
            double lossValue = double.CreateTruncating(loss.Item());
            tape.Backward(loss);
            var analytic = checkedParameters.Select(p => p.Value.Grad.Cast<double>()).ToList();

            var random = new SeededRandom(options.Seed);
            var reports = new List<TensorGradientReport>(checkedParameters.Count);
            for (int t = 0; t < checkedParameters.Count; t++)
            {
                var (name, parameter) = checkedParameters[t];
                reports.Add(CheckTensor(name, parameter, analytic[t].Span, tape, buildLoss, options, random));
            }
            return new GradientCheckResult(reports, lossValue);
        }
        finally
        {
            for (int t = 0; t < checkedParameters.Count; t++) checkedParameters[t].Value.Grad.CopyFrom(savedGrads[t]);
        }
    }

    private static TensorGradientReport CheckTensor<T>(string name, Parameter<T> parameter, ReadOnlySpan<double> analytic, Tape<T> tape,
        Func<Tape<T>, Variable<T>> buildLoss, GradientCheckOptions options, SeededRandom random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double floor = options.AbsoluteTolerance / options.RelativeTolerance;
        double maxAbsolute = 0, maxRelative = 0, worstAnalytic = 0, worstNumerical = 0;
        int worstIndex = 0;
        var indices = SampleIndices(parameter.Value.Length, options.MaxElementsPerTensor, random);
        foreach (int i in indices)
        {
            T original = parameter.Value.Span[i];
            double plus, minus;
            try
            {
                parameter.Value.Span[i] = original + T.CreateTruncating(options.Step);
                plus = EvaluateLoss(tape, buildLoss);
                parameter.Value.Span[i] = original - T.CreateTruncating(options.Step);
                minus = EvaluateLoss(tape, buildLoss);
            }
            finally
            {
                parameter.Value.Span[i] = original;
            }
            double numerical = (plus - minus) / (2 * options.Step);

            double error = Math.Abs(analytic[i] - numerical);
            double relative = error / Math.Max(Math.Max(Math.Abs(analytic[i]), Math.Abs(numerical)), floor);
            maxAbsolute = Math.Max(maxAbsolute, error);
            if (relative >= maxRelative || double.IsNaN(relative))
            {
                maxRelative = double.IsNaN(relative) ? double.PositiveInfinity : relative;
                worstIndex = i;
                worstAnalytic = analytic[i];
                worstNumerical = numerical;
            }
        }
        return new TensorGradientReport(name, parameter.Shape, indices.Length, maxAbsolute, maxRelative,
            worstIndex, worstAnalytic, worstNumerical, maxRelative <= options.RelativeTolerance);
    }

    private static double EvaluateLoss<T>(Tape<T> tape, Func<Tape<T>, Variable<T>> buildLoss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        tape.Reset();
        using (tape.NoGrad())
            return double.CreateTruncating(buildLoss(tape).Item());
    }

    /// <summary>All indices, or a seeded sample of <paramref name="max"/> distinct ones in increasing order.</summary>
    private static int[] SampleIndices(int length, int max, SeededRandom random)
    {
        var all = Enumerable.Range(0, length).ToArray();
        if (length <= max) return all;
        for (int i = 0; i < max; i++)
        {
            int j = i + random.NextInt(length - i);
            (all[i], all[j]) = (all[j], all[i]);
        }
        var sample = all[..max];
        Array.Sort(sample);
        return sample;
    }
}
