using SdfLearn.Core;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>
/// A mixture of full-covariance Gaussians fitted to latent codes by EM after training: the ex-post density estimate of
/// Ghosh et al. (2020), a richer second stage than <see cref="LatentGaussian"/> for codes that fill several separate
/// regions rather than one ellipsoid (docs/likelihood.md). Fitting is in double precision and deterministic: the
/// means start at k-means++ seeds drawn from the seed, every covariance at the codes' covariance.
/// </summary>
public sealed class LatentMixture : ILatentDistribution
{
    /// <summary>
    /// The number of components the app fits: on the session-5 checkpoints 20 gained 2-4 nats per held-out code over
    /// 10 and 30 under one more, with digit-like samples from both 10 and 20 (docs/likelihood.md).
    /// </summary>
    public const int DefaultComponents = 20;

    private readonly CholeskyGaussian[] _components;
    private readonly double[] _weights;
    private readonly double[] _logLikelihoods;

    private LatentMixture(CholeskyGaussian[] components, double[] weights, double[] logLikelihoods, bool converged)
    {
        _components = components;
        _weights = weights;
        _logLikelihoods = logLikelihoods;
        Converged = converged;
    }

    /// <summary>
    /// Fits <paramref name="components"/> Gaussians to latents [N, L] by EM: each M-step adds <paramref name="ridge"/>
    /// to every covariance's diagonal (so a component on a few codes cannot collapse onto them); EM stops when the mean
    /// log-likelihood changes by less than <paramref name="tolerance"/> nats per code, or after
    /// <paramref name="maxIterations"/> M-steps. With the defaults, 9,000 codes of 32 dimensions take 25-50 M-steps:
    /// about 1 s for 10 components, 2 s for 20; a tolerance of 1e-3 takes about twice as long for a few tenths of a nat
    /// per code.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A count or the ridge or the tolerance is out of range.</exception>
    /// <exception cref="ArgumentException">The latents are not a matrix, are fewer than the components, or hold a NaN or infinity; or the variances are not the latents' shape or not finite and non-negative.</exception>
    /// <exception cref="InvalidOperationException">A covariance is not positive definite even with the ridge.</exception>
    /// <param name="variances">
    /// Optional variances [N, L] of Gaussian codes around <paramref name="latents"/>, their means (a VAE's posteriors):
    /// each M-step then adds their responsibility-weighted mean to the covariance's diagonal, so the mixture maximises
    /// the expected log-likelihood of codes drawn from those Gaussians, not of their means (responsibilities are still
    /// those of the means).
    /// </param>
    public static LatentMixture Fit(Tensor<float> latents, int components, ulong seed, double ridge = 1e-6, int maxIterations = 100, double tolerance = 1e-2,
        Tensor<float>? variances = null)
    {
        if (components < 1)
            throw new ArgumentOutOfRangeException(nameof(components), components, "A mixture needs at least one component; ask for 1 or more.");
        if (!(ridge >= 0) || double.IsInfinity(ridge))
            throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "The ridge must be finite and not negative.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);
        if (!(tolerance >= 0))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must not be negative.");
        var codes = CodeColumns.From(latents);
        if (codes.Count < components)
            throw new ArgumentException($"Fitting {components} components needs at least {components} codes; got {codes.Count}. Fit fewer components or pass more codes.", nameof(latents));
        var spreads = variances is null ? null : Spreads(variances, latents);

        var gaussians = Initial(codes, spreads, components, ridge, seed);
        var weights = new double[components];
        Array.Fill(weights, 1.0 / components);
        var responsibilities = new double[components * codes.Count];
        var history = new List<double>();
        bool converged = false;
        for (int iteration = 0; ; iteration++)
        {
            history.Add(Expectation(codes, gaussians, weights, responsibilities));
            converged = iteration > 0 && Math.Abs(history[^1] - history[^2]) < tolerance;
            if (converged || iteration == maxIterations) break;
            Maximise(codes, spreads, responsibilities, ridge, gaussians, weights);
        }
        return new LatentMixture(gaussians, weights, [.. history], converged);
    }

    /// <inheritdoc/>
    public int Dimension => _components[0].Dimension;

    /// <summary>The number of components.</summary>
    public int Components => _components.Length;

    /// <summary>The components' weights (they sum to 1).</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>The mean of component <paramref name="component"/>.</summary>
    public ReadOnlySpan<double> Mean(int component) => _components[component].Mean;

    /// <summary>
    /// The whitening matrix of component <paramref name="component"/>: the inverse W of its covariance's lower Cholesky
    /// factor (lower triangular, row-major L×L), so that |W(x − μ)|² is the squared Mahalanobis distance.
    /// </summary>
    public ReadOnlySpan<double> Whitening(int component) => _components[component].Whitening;

    /// <summary>The mean log-likelihood (nats per code) of the fitted codes under the mixture.</summary>
    public double MeanLogLikelihood => _logLikelihoods[^1];

    /// <summary>The mean log-likelihood of the fitted codes before the first M-step and after each (EM never lowers it).</summary>
    public IReadOnlyList<double> LogLikelihoodHistory => _logLikelihoods;

    /// <summary>Whether EM stopped on the tolerance rather than the iteration cap.</summary>
    public bool Converged { get; }

    /// <summary>The mean log-likelihood (nats per code) of other latents [M, L], e.g. held-out codes, under the mixture.</summary>
    /// <exception cref="ArgumentException">The latents are not a matrix of this dimension or hold a NaN or infinity.</exception>
    public double MeanLogLikelihoodOf(Tensor<float> latents)
    {
        var codes = CodeColumns.From(latents);
        if (codes.Dimension != Dimension)
            throw new ArgumentException($"The mixture has dimension {Dimension}; got latents {latents.Shape}.", nameof(latents));
        return Expectation(codes, _components, _weights, new double[_components.Length * codes.Count]);
    }

    /// <inheritdoc/>
    public Tensor<float> Sample(int count, SeededRandom random) =>
        CholeskyGaussian.Draws(count, Dimension, random, () => _components[WeightedChoice.Index(_weights, random.NextDouble())]);

    /// <summary>The per-code variances as columns, after checking they fit the latents.</summary>
    private static CodeColumns Spreads(Tensor<float> variances, Tensor<float> latents)
    {
        if (variances.Shape != latents.Shape)
            throw new ArgumentException($"The variances must have the latents' shape {latents.Shape}; got {variances.Shape}.", nameof(variances));
        foreach (float v in variances.Span)
            if (!(v >= 0) || float.IsInfinity(v))
                throw new ArgumentException($"The variances must be finite and not negative; found {v}.", nameof(variances));
        return CodeColumns.From(variances);
    }

    /// <summary>Components at k-means++ seeds, each with the covariance of all the codes (plus their mean variance and the ridge).</summary>
    private static CholeskyGaussian[] Initial(CodeColumns codes, CodeColumns? spreads, int components, double ridge, ulong seed)
    {
        int n = codes.Count, d = codes.Dimension;
        var (_, covariance) = WeightedMoments.Of(codes);
        WeightedMoments.ToCovariance(covariance, d, n, ridge);
        if (spreads is not null) WeightedMoments.AddMeanVariance(covariance, spreads, WeightedMoments.Ones(n));
        var seeds = KMeansPlusPlus.Seeds(codes, components, new SeededRandom(seed));
        return [.. seeds.Select(r => CholeskyGaussian.FromCovariance([.. Enumerable.Range(0, d).Select(j => codes.Column(j)[r])], covariance))];
    }

    /// <summary>
    /// The E-step: the mean over codes of log Σ_k w_k N(x; μ_k, Σ_k), and in <paramref name="responsibilities"/>
    /// ([K, N], component-major) each component's posterior share of each code.
    /// </summary>
    private static double Expectation(CodeColumns codes, CholeskyGaussian[] components, double[] weights, double[] responsibilities)
    {
        int n = codes.Count, k = components.Length;
        var workspace = new double[n];
        for (int c = 0; c < k; c++)
        {
            var logJoint = responsibilities.AsSpan(c * n, n);
            if (weights[c] == 0)
            {
                logJoint.Fill(double.NegativeInfinity); // a component without weight keeps its place but claims nothing
                continue;
            }
            components[c].LogDensities(codes, logJoint, workspace);
            TensorPrimitives.Add(logJoint, Math.Log(weights[c]), logJoint);
        }
        double total = 0;
        for (int r = 0; r < n; r++)
        {
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++) max = Math.Max(max, responsibilities[c * n + r]);
            double sum = 0;
            for (int c = 0; c < k; c++) sum += Math.Exp(responsibilities[c * n + r] - max);
            double logLikelihood = max + Math.Log(sum);
            total += logLikelihood;
            for (int c = 0; c < k; c++) responsibilities[c * n + r] = Math.Exp(responsibilities[c * n + r] - logLikelihood);
        }
        return total / n;
    }

    /// <summary>The M-step: each component's weight, mean and covariance (plus the codes' variance and the ridge) from its responsibilities.</summary>
    private static void Maximise(CodeColumns codes, CodeColumns? spreads, double[] responsibilities, double ridge, CholeskyGaussian[] components, double[] weights)
    {
        int n = codes.Count;
        for (int c = 0; c < components.Length; c++)
        {
            var share = responsibilities.AsSpan(c * n, n);
            double count = TensorPrimitives.Sum<double>(share);
            weights[c] = count / n;
            if (count == 0) continue; // no code is near it: it keeps its parameters and, with weight 0, draws nothing
            var (mean, covariance) = WeightedMoments.Of(codes, share);
            WeightedMoments.ToCovariance(covariance, codes.Dimension, count, ridge);
            if (spreads is not null) WeightedMoments.AddMeanVariance(covariance, spreads, share);
            components[c] = CholeskyGaussian.FromCovariance(mean, covariance);
        }
    }
}
