using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// KL(N(mu, exp(logVar)) || N(0, I)) per sample: mu and logVar [B, L] (or [B, ...]) give [B] with
    /// <c>KL_b = -1/2 * sum_j (1 + logVar - mu^2 - exp(logVar))</c>. Backward: <c>dMu = g_b * mu</c>,
    /// <c>dLogVar = g_b * (exp(logVar) - 1) / 2</c>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">mu and logVar differ in shape.</exception>
    /// <exception cref="ArgumentException">mu has no batch dimension.</exception>
    public static Variable<T> KlDivergence<T>(Variable<T> mu, Variable<T> logVar) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(KlDivergence), mu, logVar);
        ShapeMismatchException.ThrowIfDifferent(nameof(KlDivergence), mu.Shape, logVar.Shape, "logVar");
        if (mu.Shape.Rank == 0) throw new ArgumentException("KlDivergence needs a batch dimension; got a rank-0 value.", nameof(mu));
        int batch = mu.Shape[0], width = mu.Shape.Length / batch;
        var kl = tape.Result(tape.Rent([batch]), mu.RequiresGrad || logVar.RequiresGrad);
        var half = T.CreateTruncating(0.5);
        var m = mu.Value.Span; var lv = logVar.Value.Span; var k = kl.Value.Span;
        for (int b = 0; b < batch; b++)
        {
            T sum = T.Zero;
            for (int j = b * width; j < (b + 1) * width; j++) sum += T.One + lv[j] - m[j] * m[j] - T.Exp(lv[j]);
            k[b] = -half * sum;
        }
        if (kl.RequiresGrad)
            tape.Record(kl, static kl =>
            {
                var (mu, logVar) = (kl.Op.A!, kl.Op.B!);
                int batch = kl.Shape[0], width = mu.Shape.Length / batch;
                var half = T.CreateTruncating(0.5);
                var g = kl.Grad!.Span; var m = mu.Value.Span; var lv = logVar.Value.Span;
                var gm = mu.RequiresGrad ? mu.GradAccumulator() : default;
                var glv = logVar.RequiresGrad ? logVar.GradAccumulator() : default;
                for (int b = 0; b < batch; b++)
                    for (int j = b * width; j < (b + 1) * width; j++)
                    {
                        if (mu.RequiresGrad) gm[j] += g[b] * m[j];
                        if (logVar.RequiresGrad) glv[j] += g[b] * half * (T.Exp(lv[j]) - T.One);
                    }
            }, a: mu, b: logVar);
        return kl;
    }

    /// <summary>The batch mean of <see cref="KlDivergence{T}"/>, as a one-element rank-0 value.</summary>
    public static Variable<T> KlDivergenceMean<T>(Variable<T> mu, Variable<T> logVar) where T : unmanaged, IFloatingPointIeee754<T> =>
        Mean(KlDivergence(mu, logVar));
}
