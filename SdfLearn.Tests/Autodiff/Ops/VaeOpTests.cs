using SdfLearn.Autodiff;
using SdfLearn.Core;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class VaeOpTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 4)]
    public void Reparameterize_Gradient_MatchesFiniteDifferences(int batch, int latent)
    {
        var mu = RandomParameter(91, batch, latent);
        var logVar = RandomParameter(92, batch, latent);
        // A fresh, equally seeded source per evaluation draws the same eps every time.
        Passes(tape => WeightedSum(Ops.Reparameterize(tape.Watch(mu), tape.Watch(logVar), new SeededRandom(5))), mu, logVar);
    }

    [Fact]
    public void Reparameterize_IsMuPlusSigmaTimesSeededNoise()
    {
        var tape = new Tape<double>();
        var mu = tape.Constant(Tensor<double>.FromValues([1, -2], 1, 2));
        var logVar = tape.Constant(Tensor<double>.FromValues([0, Math.Log(4)], 1, 2));
        var z = Ops.Reparameterize(mu, logVar, new SeededRandom(3));
        var eps = new double[2];
        new SeededRandom(3).FillNormal<double>(eps, 0, 1);
        Assert.Equal(1 + eps[0], z.Value[0, 0], 12);
        Assert.Equal(-2 + 2 * eps[1], z.Value[0, 1], 12);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    public void KlDivergence_Gradient_MatchesFiniteDifferences(int batch, int latent)
    {
        var mu = RandomParameter(93, batch, latent);
        var logVar = RandomParameter(94, batch, latent);
        Passes(tape => WeightedSum(Ops.KlDivergence(tape.Watch(mu), tape.Watch(logVar))), mu, logVar);
        Passes(tape => Ops.KlDivergenceMean(tape.Watch(mu), tape.Watch(logVar)), mu, logVar);
    }

    [Fact]
    public void KlDivergence_MatchesClosedForm()
    {
        var tape = new Tape<double>();
        var mu = tape.Constant(Tensor<double>.FromValues([0, 0, 1, 2], 2, 2));
        var logVar = tape.Constant(Tensor<double>.FromValues([0, 0, Math.Log(2), 0], 2, 2));
        var kl = Ops.KlDivergence(mu, logVar).Value.ToArray();
        Assert.Equal(0, kl[0], 14);
        // 1/2 sum(sigma^2 + mu^2 - 1 - ln sigma^2) = 1/2 ((2 + 1 - 1 - ln 2) + (1 + 4 - 1 - 0))
        Assert.Equal(0.5 * (2 - Math.Log(2) + 4), kl[1], 14);
    }

    [Theory]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 5, 3 })]
    [InlineData(new[] { 2, 1, 3, 3 })]
    public void Losses_Gradient_MatchesFiniteDifferences(int[] shape)
    {
        var prediction = RandomParameter(95, shape);
        var target = RandomParameter(96, shape);
        Passes(tape => Ops.MseLoss(tape.Watch(prediction), tape.Watch(target)), prediction, target);
        Passes(tape => Ops.SumSquaredError(tape.Watch(prediction), tape.Watch(target)), prediction, target);
        Passes(tape => WeightedSum(Ops.SumSquaredErrorPerSample(tape.Watch(prediction), tape.Watch(target))), prediction, target);
    }

    [Fact]
    public void Losses_Values()
    {
        var tape = new Tape<double>();
        var p = tape.Constant(Tensor<double>.FromValues([1, 2, 3, 4], 2, 2));
        var t = tape.Constant(Tensor<double>.FromValues([0, 2, 3, 6], 2, 2));
        Assert.Equal(5.0 / 4, Ops.MseLoss(p, t).Item(), 14);
        Assert.Equal(5.0, Ops.SumSquaredError(p, t).Item(), 14);
        Assert.Equal([1.0, 4.0], Ops.SumSquaredErrorPerSample(p, t).Value.ToArray());
    }

    [Fact]
    public void Elbo_ComposedFromThePieces_Gradient_MatchesFiniteDifferences()
    {
        // Reconstruction (SSE per image) + beta * KL, averaged over the batch, through a tiny decoder.
        var mu = RandomParameter(97, 2, 3);
        var logVar = RandomParameter(98, 2, 3);
        var w = RandomParameter(99, 4, 3);
        var images = RandomParameter(100, 2, 4);
        images.RequiresGrad = false;
        Passes(tape =>
        {
            var m = tape.Watch(mu);
            var lv = tape.Watch(logVar);
            var z = Ops.Reparameterize(m, lv, new SeededRandom(9));
            var reconstruction = Ops.Gelu(Ops.Linear(z, tape.Watch(w)));
            var perImage = Ops.SumSquaredErrorPerSample(reconstruction, tape.Watch(images));
            return Ops.Add(Ops.Mean(perImage), Ops.Scale(Ops.KlDivergenceMean(m, lv), 0.5));
        }, mu, logVar, w, images);
    }
}
