using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;

namespace SdfLearn.Nn.Losses;

/// <summary>
/// A Gaussian decoder likelihood with a scale: the negative log-likelihood, in nats, of each sample's D values under
/// <c>N(prediction, sigma² I)</c>, <c>NLL_i = D/2 · log(2π) + D · log sigma + SSE_i / (2 sigma²)</c>, from the sample's
/// sum of squared errors. Sigma is fixed, learnt (a registered parameter <c>log_sigma</c>) or at its analytic optimum
/// (<see cref="GaussianScale"/>). It takes sums of squared errors, not images, so it serves any decoder: an image decoder
/// (D = pixels) or a point decoder whose SSE over P query points is scaled by D/P to estimate the image's. Composed from
/// tape ops (<see cref="Ops.Exp{T}"/>, <see cref="Ops.Log{T}"/>, <see cref="Ops.Mul{T}"/>, ...), so its gradients are
/// theirs; with an optimal sigma they also flow through sigma*, where <c>dNLL/dlog sigma = 0</c>.
/// </summary>
public sealed class GaussianLikelihood<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);
    private readonly T _logSigma, _minVariance;
    private readonly Parameter<T>? _learntLogSigma;

    /// <summary>A likelihood whose sigma comes from <paramref name="scale"/>.</summary>
    /// <param name="scale">Fixed, learnt or optimal.</param>
    /// <param name="sigma">The fixed sigma, or the learnt sigma's starting value (ignored when optimal).</param>
    /// <param name="minSigma">The floor of an optimal sigma, so a perfect reconstruction gives a finite loss.</param>
    /// <exception cref="ArgumentOutOfRangeException">A sigma is not positive and finite, or the scale is unknown.</exception>
    public GaussianLikelihood(GaussianScale scale, double sigma = 1, double minSigma = 1e-3)
    {
        if (!(sigma > 0) || !double.IsFinite(sigma)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be positive and finite.");
        if (!(minSigma > 0) || !double.IsFinite(minSigma)) throw new ArgumentOutOfRangeException(nameof(minSigma), minSigma, "minSigma must be positive and finite.");
        if (!Enum.IsDefined(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Unknown Gaussian scale.");
        Scale = scale;
        _logSigma = T.CreateTruncating(Math.Log(sigma));
        _minVariance = T.CreateTruncating(minSigma * minSigma);
        if (scale == GaussianScale.Learnt)
            _learntLogSigma = RegisterParameter("log_sigma", new Parameter<T>(Tensor<T>.Scalar(_logSigma)));
    }

    /// <summary>Where sigma comes from.</summary>
    public GaussianScale Scale { get; }

    /// <summary>
    /// The log-sigma this likelihood uses for per-sample sums of squared errors [B] over <paramref name="values"/> values
    /// each: rank 0, or [B] for <see cref="GaussianScale.OptimalPerSample"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The errors are not one per sample.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="values"/> is not positive.</exception>
    public Variable<T> LogSigma(Variable<T> sumSquaredErrors, int values)
    {
        CheckArguments(sumSquaredErrors, values);
        var tape = sumSquaredErrors.Tape;
        T perValue = T.One / T.CreateTruncating(values);
        return Scale switch
        {
            GaussianScale.Fixed => TapeConstants.Scalar(tape, _logSigma),
            GaussianScale.Learnt => tape.Watch(_learntLogSigma!),
            GaussianScale.OptimalPerSample => HalfLogFloored(Ops.Scale(sumSquaredErrors, perValue)),
            _ => HalfLogFloored(Ops.Scale(Ops.Mean(sumSquaredErrors), perValue)),
        };
    }

    /// <summary>
    /// The negative log-likelihood of each sample in nats [B], from its sum of squared errors [B] over
    /// <paramref name="values"/> values, with this likelihood's sigma (<see cref="LogSigma"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The errors are not one per sample.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="values"/> is not positive.</exception>
    public Variable<T> NegativeLogLikelihood(Variable<T> sumSquaredErrors, int values) =>
        NegativeLogLikelihood(sumSquaredErrors, LogSigma(sumSquaredErrors, values), values);

    /// <summary>
    /// <c>NLL_i = D/2 · log(2π) + D · logSigma_i + SSE_i · exp(-2 logSigma_i) / 2</c> in nats, [B], for any log-sigma:
    /// rank 0 (one for all) or [B] (one per sample, e.g. predicted by a network). Gradients reach both operands.
    /// </summary>
    /// <exception cref="ArgumentException">The errors are not one per sample.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="values"/> is not positive.</exception>
    /// <exception cref="ShapeMismatchException">The log-sigma is neither one value nor one per sample.</exception>
    public static Variable<T> NegativeLogLikelihood(Variable<T> sumSquaredErrors, Variable<T> logSigma, int values)
    {
        CheckArguments(sumSquaredErrors, values);
        ArgumentNullException.ThrowIfNull(logSigma);
        if (logSigma.Shape.Length != 1 && logSigma.Shape != sumSquaredErrors.Shape)
            throw new ShapeMismatchException($"GaussianLikelihood: log-sigma of shape {logSigma.Shape} for errors of shape {sumSquaredErrors.Shape}; give one value or one per sample.");
        T d = T.CreateTruncating(values);
        var precisionHalf = Ops.Exp(Ops.Scale(logSigma, -(T.One + T.One)));
        var nll = Ops.Add(Ops.Scale(logSigma, d), Ops.Scale(Ops.Mul(sumSquaredErrors, precisionHalf), T.CreateTruncating(0.5)));
        return Ops.Add(nll, TapeConstants.Scalar(sumSquaredErrors.Tape, T.CreateTruncating(values * HalfLogTwoPi)));
    }

    /// <summary>
    /// <c>log(max(meanSquare, minSigma²)) / 2</c>: the optimal log-sigma, floored before the log so that a zero error
    /// gives neither an infinite value nor a NaN gradient.
    /// </summary>
    private Variable<T> HalfLogFloored(Variable<T> meanSquare) =>
        Ops.Scale(Ops.Log(Ops.Clamp(meanSquare, _minVariance, T.PositiveInfinity)), T.CreateTruncating(0.5));

    private static void CheckArguments(Variable<T> sumSquaredErrors, int values)
    {
        ArgumentNullException.ThrowIfNull(sumSquaredErrors);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(values);
        if (sumSquaredErrors.Shape.Rank != 1)
            throw new ArgumentException($"GaussianLikelihood takes one sum of squared errors per sample, [B]; got shape {sumSquaredErrors.Shape}.", nameof(sumSquaredErrors));
    }
}
