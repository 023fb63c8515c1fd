using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// The VAE's reparameterisation <c>z = mu + exp(logVar / 2) * eps</c>, eps ~ N(0, I) drawn from
    /// <paramref name="random"/> and kept for the backward pass. Backward: <c>dMu = g</c>,
    /// <c>dLogVar = g * eps * exp(logVar / 2) / 2 = g * (z - mu) / 2</c>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">mu and logVar differ in shape.</exception>
    public static Variable<T> Reparameterize<T>(Variable<T> mu, Variable<T> logVar, SeededRandom random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(Reparameterize), mu, logVar);
        ArgumentNullException.ThrowIfNull(random);
        ShapeMismatchException.ThrowIfDifferent(nameof(Reparameterize), mu.Shape, logVar.Shape, "logVar");
        var eps = tape.Rent(mu.Shape);
        random.FillNormal(eps.Span, T.Zero, T.One);
        var z = tape.Result(tape.Rent(mu.Shape), mu.RequiresGrad || logVar.RequiresGrad);
        var half = T.CreateTruncating(0.5);
        var m = mu.Value.Span; var lv = logVar.Value.Span; var e = eps.Span; var zv = z.Value.Span;
        for (int i = 0; i < zv.Length; i++) zv[i] = m[i] + T.Exp(half * lv[i]) * e[i];
        if (z.RequiresGrad)
            tape.Record(z, static z =>
            {
                var (mu, logVar, eps) = (z.Op.A!, z.Op.B!, (Tensor<T>)z.Op.Saved!);
                var half = T.CreateTruncating(0.5);
                var g = z.Grad!.Span;
                if (mu.RequiresGrad)
                {
                    var gm = mu.GradAccumulator();
                    for (int i = 0; i < g.Length; i++) gm[i] += g[i];
                }
                if (logVar.RequiresGrad)
                {
                    var glv = logVar.GradAccumulator(); var lv = logVar.Value.Span; var e = eps.Span;
                    for (int i = 0; i < g.Length; i++) glv[i] += g[i] * e[i] * half * T.Exp(half * lv[i]);
                }
            }, a: mu, b: logVar, saved: eps);
        return z;
    }
}
