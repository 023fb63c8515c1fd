using SdfLearn.Core;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Tests.Sdf.Evaluation;

/// <summary><see cref="LatentMixture"/>: EM on synthetic mixtures whose answer is known, its determinism, and its refusals.</summary>
public sealed class LatentMixtureTests
{
    private static readonly double[][] TrueMeans = [[0, 0], [10, 0], [0, 10]];
    private static readonly double[] TrueWeights = [0.5, 0.3, 0.2];

    /// <summary>
    /// Draws from three tilted 2D Gaussians (standard deviations 1 and 0.5, correlated) with <see cref="TrueMeans"/>
    /// and <see cref="TrueWeights"/>, spaced <paramref name="spacing"/> times as far apart.
    /// </summary>
    private static Tensor<float> Draws(int count, double spacing = 1, ulong seed = 5)
    {
        var random = new SeededRandom(seed);
        var values = new float[count * 2];
        for (int s = 0; s < count; s++)
        {
            double u = random.NextDouble();
            int k = u < TrueWeights[0] ? 0 : u < TrueWeights[0] + TrueWeights[1] ? 1 : 2;
            double a = random.NextNormal(), b = random.NextNormal();
            values[2 * s] = (float)(spacing * TrueMeans[k][0] + a);
            values[2 * s + 1] = (float)(spacing * TrueMeans[k][1] + 0.6 * a + 0.5 * b);
        }
        return new Tensor<float>(values, new Shape(count, 2));
    }

    /// <summary>The index of the true mean nearest to a point.</summary>
    private static int Nearest(double x, double y) =>
        Enumerable.Range(0, TrueMeans.Length).MinBy(k => Math.Pow(x - TrueMeans[k][0], 2) + Math.Pow(y - TrueMeans[k][1], 2));

    [Fact]
    public void Em_RecoversTheMeansAndWeights_OfWellSeparatedComponents()
    {
        var mixture = LatentMixture.Fit(Draws(4000), components: 3, seed: 1);
        Assert.True(mixture.Converged);
        var found = new HashSet<int>();
        for (int c = 0; c < 3; c++)
        {
            int k = Nearest(mixture.Mean(c)[0], mixture.Mean(c)[1]);
            Assert.True(found.Add(k), $"Two components found mean {k}.");
            Assert.Equal(TrueMeans[k][0], mixture.Mean(c)[0], 0.1);
            Assert.Equal(TrueMeans[k][1], mixture.Mean(c)[1], 0.1);
            Assert.Equal(TrueWeights[k], mixture.Weights[c], 0.025);
        }
    }

    [Fact]
    public void OneComponent_IsTheMaximumLikelihoodGaussian_WhoseMeanLogLikelihoodIsKnown()
    {
        // For the ML Gaussian the mean log-likelihood is -(d·(log 2π + 1) + log det Σ) / 2, Σ the covariance divided by N.
        var codes = Draws(500);
        var mixture = LatentMixture.Fit(codes, components: 1, seed: 0, ridge: 0);
        var x = codes.Span;
        int n = codes.Shape[0];
        double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
        for (int r = 0; r < n; r++) { mx += x[2 * r]; my += x[2 * r + 1]; }
        mx /= n;
        my /= n;
        for (int r = 0; r < n; r++)
        {
            double a = x[2 * r] - mx, b = x[2 * r + 1] - my;
            sxx += a * a / n;
            syy += b * b / n;
            sxy += a * b / n;
        }
        double expected = -(2 * (Math.Log(2 * Math.PI) + 1) + Math.Log(sxx * syy - sxy * sxy)) / 2;
        Assert.Equal(expected, mixture.MeanLogLikelihood, 1e-9);
        Assert.Equal(mixture.MeanLogLikelihood, mixture.MeanLogLikelihoodOf(codes), 1e-12);
        Assert.Equal(mx, mixture.Mean(0)[0], 1e-12);
    }

    [Fact]
    public void Variances_WidenEachCovariance_ByTheirWeightedMean()
    {
        // One component in one dimension: Σ = variance of the means + mean of the variances (+ the ridge).
        var codes = new Tensor<float>([1f, 2f, 4f, 5f], new Shape(4, 1));
        var variances = new Tensor<float>([0.5f, 0.25f, 0.25f, 1f], new Shape(4, 1));
        var plain = LatentMixture.Fit(codes, components: 1, seed: 0, ridge: 0);
        var widened = LatentMixture.Fit(codes, components: 1, seed: 0, ridge: 0, variances: variances);
        Assert.Equal(1 / Math.Sqrt(2.5), plain.Whitening(0)[0], 12);
        Assert.Equal(1 / Math.Sqrt(2.5 + 0.5), widened.Whitening(0)[0], 12);
        Assert.Equal(3, widened.Mean(0)[0], 12);
        var negative = new Tensor<float>([0.5f, -0.25f, 0.25f, 1f], new Shape(4, 1));
        Assert.Contains("not negative", Assert.Throws<ArgumentException>(() => LatentMixture.Fit(codes, 1, 0, variances: negative)).Message);
        Assert.Contains("shape", Assert.Throws<ArgumentException>(() => LatentMixture.Fit(codes, 1, 0, variances: new Tensor<float>(new Shape(4, 2)))).Message);
    }

    [Fact]
    public void TheLogLikelihood_NeverDecreases_AcrossIterations()
    {
        // Overlapping components and one too many: EM creeps for all the iterations it is given.
        var mixture = LatentMixture.Fit(Draws(2000, spacing: 0.25), components: 4, seed: 3, maxIterations: 60, tolerance: 0);
        var history = mixture.LogLikelihoodHistory;
        Assert.Equal(61, history.Count);
        Assert.False(mixture.Converged);
        Assert.True(history[^1] > history[0] + 0.1, $"EM gained only {history[^1] - history[0]} nats per code.");
        for (int i = 1; i < history.Count; i++)
            Assert.True(history[i] >= history[i - 1] - 1e-9, $"The mean log-likelihood fell from {history[i - 1]} to {history[i]} at iteration {i}.");
        Assert.Equal(history[^1], mixture.MeanLogLikelihood);
    }

    [Fact]
    public void TheSameSeed_GivesTheSameMixture_AndAnotherSeedStartsElsewhere()
    {
        var codes = Draws(1000, spacing: 0.25);
        var first = LatentMixture.Fit(codes, components: 4, seed: 7);
        var second = LatentMixture.Fit(codes, components: 4, seed: 7);
        Assert.Equal(first.LogLikelihoodHistory, second.LogLikelihoodHistory);
        Assert.Equal(first.Weights.ToArray(), second.Weights.ToArray());
        for (int c = 0; c < 4; c++) Assert.Equal(first.Mean(c).ToArray(), second.Mean(c).ToArray());
        Assert.Equal(first.Sample(50, new SeededRandom(2)).Span.ToArray(), second.Sample(50, new SeededRandom(2)).Span.ToArray());
        var other = LatentMixture.Fit(codes, components: 4, seed: 8);
        Assert.NotEqual(first.LogLikelihoodHistory[0], other.LogLikelihoodHistory[0]);
    }

    [Fact]
    public void Samples_ComeFromEachComponent_InProportionToItsWeight()
    {
        var mixture = LatentMixture.Fit(Draws(4000), components: 3, seed: 1);
        var samples = mixture.Sample(20000, new SeededRandom(9));
        Assert.Equal(new Shape(20000, 2), samples.Shape);
        var counts = new int[3];
        for (int s = 0; s < 20000; s++) counts[Nearest(samples.Span[2 * s], samples.Span[2 * s + 1])]++;
        // Each true cluster holds one component; its share of the draws is that component's weight (standard error 0.0035).
        for (int c = 0; c < 3; c++) Assert.Equal(mixture.Weights[c], counts[Nearest(mixture.Mean(c)[0], mixture.Mean(c)[1])] / 20000.0, 0.015);
    }

    [Fact]
    public void BadInput_IsRefusedNamingTheProblemAndTheWayOut()
    {
        var codes = Draws(3);
        var none = Assert.Throws<ArgumentOutOfRangeException>(() => LatentMixture.Fit(codes, components: 0, seed: 0));
        Assert.Contains("at least one component", none.Message);
        var tooFew = Assert.Throws<ArgumentException>(() => LatentMixture.Fit(codes, components: 5, seed: 0));
        Assert.Contains("Fitting 5 components needs at least 5 codes; got 3. Fit fewer components or pass more codes.", tooFew.Message);
        var withNaN = new Tensor<float>([0, 1, float.NaN, 2, 3, 4], new Shape(3, 2));
        var nan = Assert.Throws<ArgumentException>(() => LatentMixture.Fit(withNaN, components: 2, seed: 0));
        Assert.Contains("Code 1, dimension 0, is NaN; a latent distribution can only be fitted to finite codes", nan.Message);
        var vector = new Tensor<float>([0, 1, 2], new Shape(3));
        Assert.Contains("must be a matrix [N, L]", Assert.Throws<ArgumentException>(() => LatentMixture.Fit(vector, components: 1, seed: 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentMixture.Fit(codes, components: 1, seed: 0, ridge: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentMixture.Fit(codes, components: 1, seed: 0, maxIterations: 0));
        var fitted = LatentMixture.Fit(codes, components: 1, seed: 0);
        Assert.Contains("dimension 2", Assert.Throws<ArgumentException>(() => fitted.MeanLogLikelihoodOf(new Tensor<float>(new Shape(2, 3)))).Message);
    }
}
