using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Initialization;

namespace SdfLearn.Nn.Layers;

/// <summary>
/// SIREN's layer (Sitzmann et al. 2020): <c>y = sin(ω₀ (x W^T + b))</c> with its initialisation — weights uniform in
/// ±1/in for the first layer and ±sqrt(6/in)/ω₀ after it, so that pre-activations stay distributed alike through depth;
/// the bias keeps PyTorch's default. Parameters <c>linear.weight</c> [out, in] and <c>linear.bias</c> [out]. Its
/// derivatives are sines again, so eikonal and normal losses train it well.
/// </summary>
public sealed class Sine<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer with SIREN's initialisation drawn from <paramref name="random"/>.</summary>
    /// <param name="inFeatures">Input features.</param>
    /// <param name="outFeatures">Output features.</param>
    /// <param name="random">Source of the initial weights.</param>
    /// <param name="isFirst">Whether this is the network's first layer (the wider initialisation).</param>
    /// <param name="omega0">The frequency ω₀ (SIREN uses 30).</param>
    /// <exception cref="ArgumentOutOfRangeException">A feature count or ω₀ is not positive.</exception>
    public Sine(int inFeatures, int outFeatures, SeededRandom random, bool isFirst = false, double omega0 = 30)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(omega0);
        Linear = RegisterModule("linear", new Linear<T>(inFeatures, outFeatures, random));
        Omega0 = T.CreateTruncating(omega0);
        double bound = isFirst ? 1.0 / inFeatures : Math.Sqrt(6.0 / inFeatures) / omega0;
        Init.Uniform(Linear.Weight.Value, -bound, bound, random);
    }

    /// <summary>The frequency ω₀.</summary>
    public T Omega0 { get; }

    /// <summary>The linear map inside the sine.</summary>
    public Linear<T> Linear { get; }

    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x) => Ops.Sin(Ops.Scale(Linear.Forward(x), Omega0));

    /// <inheritdoc/>
    /// <remarks>Pullback: <c>g ω₀ cos(ω₀ h)</c>, then the linear map's.</remarks>
    public override (Variable<T> Output, Pullback<T> Pullback) ForwardWithPullback(Variable<T> x)
    {
        var (h, linear) = Linear.ForwardWithPullback(x);
        var phase = Ops.Scale(h, Omega0);
        return (Ops.Sin(phase), g => linear(Ops.Mul(g, Ops.Scale(Ops.Cos(phase), Omega0))));
    }
}
