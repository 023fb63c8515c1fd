using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Sdf.Architectures;

/// <summary>
/// A VAE prior fitted to the model's own codes: a mixture of K full-covariance Gaussians that <see cref="Refit"/>
/// replaces, between epochs, by one fitted by EM to the posterior means of training fields
/// (<see cref="LatentMixture.Fit"/>). For fixed encoder and decoder the ELBO's best prior is the aggregate posterior,
/// so each refit is a step of empirical Bayes towards it within the family; the prior the model trains against is the
/// one it samples, and its samples land where the codes are rather than between them (docs/likelihood.md). Nothing in
/// it is trained by the optimiser: its buffers <c>means</c> [K, L], <c>whitening</c> [K, L, L] (the inverse Cholesky
/// factor W of each covariance, lower triangular, so that Σ⁻¹ = WᵀW) and <c>log_weights</c> [K] are saved with the
/// model. Until the first refit every component is N(0, I).
/// </summary>
public sealed class FittedMixturePrior<T> : LatentPrior<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>K components in L dimensions, each N(0, I) with weight 1/K until the first <see cref="Refit"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive.</exception>
    public FittedMixturePrior(int components, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(components);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Means = RegisterBuffer("means", new Tensor<T>(new Shape(components, dimension)));
        Whitening = RegisterBuffer("whitening", new Tensor<T>(new Shape(components, dimension, dimension)));
        LogWeights = RegisterBuffer("log_weights", new Tensor<T>(new Shape(components)));
        var whitening = Whitening.Span;
        for (int k = 0; k < components; k++)
            for (int j = 0; j < dimension; j++) whitening[(k * dimension + j) * dimension + j] = T.One;
        LogWeights.Span.Fill(T.CreateTruncating(-Math.Log(components)));
    }

    /// <summary>
    /// The least weight a component keeps after a refit: EM leaves a component that claims no code at weight 0, and the
    /// saved log-weights must stay finite.
    /// </summary>
    public const double MinimumWeight = 1e-30;

    /// <summary>The components' means [K, L].</summary>
    public Tensor<T> Means { get; }

    /// <summary>The components' whitening matrices [K, L, L]: W_k lower triangular with W_kᵀW_k = Σ_k⁻¹.</summary>
    public Tensor<T> Whitening { get; }

    /// <summary>The components' log-weights [K].</summary>
    public Tensor<T> LogWeights { get; }

    /// <summary>Number of components K.</summary>
    public int Components => Means.Shape[0];

    /// <inheritdoc/>
    public override int Dimension => Means.Shape[1];

    /// <summary>
    /// Replaces the mixture by one of <see cref="Components"/> Gaussians fitted by EM to posteriors with means
    /// <paramref name="codes"/> [N, L] and variances <paramref name="variances"/> [N, L] (k-means++ start from
    /// <paramref name="seed"/>), and returns that fit. With the variances the M-step maximises the expected
    /// log-density of codes drawn from the posteriors, the prior's part of the ELBO; fitted to the means alone, an early
    /// model's bunched codes give components far narrower than its posteriors, and the KL explodes.
    /// </summary>
    /// <exception cref="ArgumentException">The codes are not [N, L] with N ≥ K, the variances not their shape, or either is not finite.</exception>
    public LatentMixture Refit(Tensor<float> codes, Tensor<float> variances, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Shape.Rank != 2 || codes.Shape[1] != Dimension)
            throw new ArgumentException($"The prior has dimension {Dimension}; it is refitted to codes [N, {Dimension}], not {codes.Shape}.", nameof(codes));
        var mixture = LatentMixture.Fit(codes, Components, seed, variances: variances);
        int d = Dimension;
        var means = Means.Span; var whitening = Whitening.Span; var logWeights = LogWeights.Span;
        for (int k = 0; k < Components; k++)
        {
            var mean = mixture.Mean(k);
            for (int j = 0; j < d; j++) means[k * d + j] = T.CreateTruncating(mean[j]);
            var inverse = mixture.Whitening(k);
            for (int i = 0; i < d * d; i++) whitening[k * d * d + i] = T.CreateTruncating(inverse[i]);
            logWeights[k] = T.CreateTruncating(Math.Log(Math.Max(mixture.Weights[k], MinimumWeight)));
        }
        return mixture;
    }

    /// <summary>
    /// log p(z) [B] of codes [B, L]: <c>LogSumExp_k(log w_k + log det W_k − ½ |W_k (z − μ_k)|²) − L/2 · log 2π</c>,
    /// composed from tape ops (one <see cref="Ops.Linear{T}"/> whitens z for all components at once), so gradients
    /// reach z; the mixture itself is a constant.
    /// </summary>
    public override Variable<T> LogDensity(Variable<T> z)
    {
        CheckCodes(z);
        var tape = z.Tape;
        int components = Components, d = Dimension;
        var offsets = tape.Rent(new Shape(components * d)); // −W_k μ_k, so that W_k z + offset = W_k (z − μ_k)
        var constants = tape.Rent(new Shape(components)); // log w_k + log det W_k − L/2 · log 2π
        var means = Means.Span; var whitening = Whitening.Span; var logWeights = LogWeights.Span;
        var offset = offsets.Span; var constant = constants.Span;
        for (int k = 0; k < components; k++)
        {
            double logDeterminant = 0;
            for (int i = 0; i < d; i++)
            {
                int row = (k * d + i) * d;
                double sum = 0;
                for (int j = 0; j <= i; j++) sum += double.CreateTruncating(whitening[row + j]) * double.CreateTruncating(means[k * d + j]);
                offset[k * d + i] = T.CreateTruncating(-sum);
                logDeterminant += Math.Log(double.CreateTruncating(whitening[row + i]));
            }
            constant[k] = T.CreateTruncating(double.CreateTruncating(logWeights[k]) + logDeterminant - d * HalfLogTwoPi);
        }
        var weight = Ops.Reshape(tape.Constant(Whitening), components * d, d);
        var whitened = Ops.Reshape(Ops.Linear(z, weight, tape.Constant(offsets)), z.Shape[0], components, d); // [B, K, L]
        var logJoint = Ops.Add(Ops.Scale(Ops.Sum(Ops.Square(whitened), -1), T.CreateTruncating(-0.5)), tape.Constant(constants)); // [B, K]
        return Ops.LogSumExp(logJoint);
    }

    /// <summary>Draws <paramref name="count"/> codes [count, L]: each picks a component by weight, then μ_k + W_k⁻¹ · eps.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public override Tensor<float> Sample(int count, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        int d = Dimension;
        var logWeights = LogWeights.Span;
        var weights = new double[Components];
        for (int k = 0; k < weights.Length; k++) weights[k] = Math.Exp(double.CreateTruncating(logWeights[k]));
        double total = weights.Sum();
        var means = Means.Span; var whitening = Whitening.Span;
        var result = new Tensor<float>(new Shape(count, d));
        var draws = result.Span;
        var eps = new double[d]; var x = new double[d];
        for (int s = 0; s < count; s++)
        {
            int k = WeightedChoice.Index(weights, random.NextDouble() * total);
            for (int j = 0; j < d; j++) eps[j] = random.NextNormal();
            for (int i = 0; i < d; i++) // forward substitution: W_k x = eps
            {
                int row = (k * d + i) * d;
                double v = eps[i];
                for (int j = 0; j < i; j++) v -= double.CreateTruncating(whitening[row + j]) * x[j];
                x[i] = v / double.CreateTruncating(whitening[row + i]);
            }
            for (int j = 0; j < d; j++) draws[s * d + j] = (float)(double.CreateTruncating(means[k * d + j]) + x[j]);
        }
        return result;
    }
}
