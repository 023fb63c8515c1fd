using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Losses;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Sdf.Architectures;

/// <summary>
/// A learnt VAE prior: a mixture of K diagonal Gaussians in L dimensions,
/// <c>p(z) = Σ_k softmax(logits)_k · N(z; means_k, diag(exp(2 · log_scales_k)))</c>, trained with the rest of the model
/// (as in VampPrior/GMVAE-style VAEs; Tomczak &amp; Welling 2018). With a small decoder scale the training codes fill
/// separate regions, where N(0, I) also draws from the empty space between them; a mixture can follow them
/// (docs/likelihood.md). Parameter names: <c>means</c> [K, L], <c>log_scales</c> [K, L], <c>logits</c> [K].
/// </summary>
public sealed class MixturePrior<T> : LatentPrior<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>K components in L dimensions: means drawn from N(0, I) by <paramref name="random"/>, unit scales, equal weights.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive.</exception>
    public MixturePrior(int components, int dimension, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(components);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentNullException.ThrowIfNull(random);
        Means = RegisterParameter("means", new Parameter<T>(new Tensor<T>(new Shape(components, dimension))));
        random.FillNormal(Means.Value.Span, T.Zero, T.One);
        LogScales = RegisterParameter("log_scales", new Parameter<T>(new Tensor<T>(new Shape(components, dimension))));
        Logits = RegisterParameter("logits", new Parameter<T>(new Tensor<T>(new Shape(components))));
    }

    /// <summary>The components' means [K, L].</summary>
    public Parameter<T> Means { get; }

    /// <summary>The components' log standard deviations [K, L].</summary>
    public Parameter<T> LogScales { get; }

    /// <summary>The mixture logits [K]; the weights are their softmax.</summary>
    public Parameter<T> Logits { get; }

    /// <summary>Number of components K.</summary>
    public int Components => Means.Value.Shape[0];

    /// <inheritdoc/>
    public override int Dimension => Means.Value.Shape[1];

    /// <summary>The components' weights, the softmax of the logits (they sum to 1).</summary>
    public double[] Weights()
    {
        var logits = Logits.Value.Span;
        double max = double.NegativeInfinity;
        foreach (T logit in logits) max = Math.Max(max, double.CreateTruncating(logit));
        var weights = new double[logits.Length];
        for (int k = 0; k < weights.Length; k++) weights[k] = Math.Exp(double.CreateTruncating(logits[k]) - max);
        double total = weights.Sum();
        for (int k = 0; k < weights.Length; k++) weights[k] /= total;
        return weights;
    }

    /// <summary>
    /// log p(z) [B] of codes [B, L], composed from tape ops so that gradients reach z and all three parameters:
    /// <c>LogSumExp_k(log w_k − ½ Σ_j u_kj² − Σ_j log_scales_kj) − L/2 · log 2π</c> with <c>u = (z − means_k) / exp(log_scales_k)</c>
    /// and <c>log w = logits − LogSumExp(logits)</c>.
    /// </summary>
    public override Variable<T> LogDensity(Variable<T> z)
    {
        CheckCodes(z);
        var tape = z.Tape;
        var logScales = tape.Watch(LogScales);
        var logits = tape.Watch(Logits);
        var standardised = Ops.Div(Ops.Sub(Ops.Reshape(z, z.Shape[0], 1, Dimension), tape.Watch(Means)), Ops.Exp(logScales)); // [B, K, L]
        var logNormal = Ops.Sub(Ops.Scale(Ops.Sum(Ops.Square(standardised), -1), T.CreateTruncating(-0.5)), Ops.Sum(logScales, -1)); // [B, K]
        var logWeights = Ops.Sub(logits, Ops.LogSumExp(logits));
        var logDensity = Ops.LogSumExp(Ops.Add(logNormal, logWeights));
        return Ops.Add(logDensity, TapeConstants.Scalar(tape, T.CreateTruncating(-Dimension * HalfLogTwoPi)));
    }

    /// <summary>Draws <paramref name="count"/> codes [count, L]: each picks a component by weight, then draws from its Gaussian.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public override Tensor<float> Sample(int count, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var weights = Weights();
        int d = Dimension;
        var means = Means.Value.Span; var logScales = LogScales.Value.Span;
        var result = new Tensor<float>(new Shape(count, d));
        var draws = result.Span;
        for (int s = 0; s < count; s++)
        {
            int k = WeightedChoice.Index(weights, random.NextDouble());
            for (int j = 0; j < d; j++)
                draws[s * d + j] = (float)(double.CreateTruncating(means[k * d + j])
                    + Math.Exp(double.CreateTruncating(logScales[k * d + j])) * random.NextNormal());
        }
        return result;
    }
}
