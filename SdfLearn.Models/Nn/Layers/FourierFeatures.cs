using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;

namespace SdfLearn.Nn.Layers;

/// <summary>
/// Fourier-feature positional encoding (Tancik et al. 2020): <c>[sin(2π x B^T), cos(2π x B^T)]</c> for x [N, d] and a
/// fixed random frequency matrix B [m, d] with entries ~ N(0, σ²), giving [N, 2m]. Lets an MLP fit fine detail of a
/// low-dimensional input; σ sets the bandwidth. B is a buffer, not a parameter (nothing is trained here).
/// </summary>
public sealed class FourierFeatures<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T> _frequencies;

    /// <summary>Draws the m × d frequency matrix (times 2π) from <paramref name="random"/>.</summary>
    /// <param name="inFeatures">Input dimension d.</param>
    /// <param name="frequencies">Number m of frequencies (the output has 2m features).</param>
    /// <param name="sigma">Standard deviation σ of the frequencies.</param>
    /// <param name="random">Source of the frequencies.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size or σ is not positive.</exception>
    public FourierFeatures(int inFeatures, int frequencies, double sigma, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequencies);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);
        ArgumentNullException.ThrowIfNull(random);
        _frequencies = new Tensor<T>(new Shape(frequencies, inFeatures));
        random.FillNormal(_frequencies.Span, T.Zero, T.CreateTruncating(2 * Math.PI * sigma));
    }

    /// <summary>The output width 2m.</summary>
    public int OutFeatures => 2 * _frequencies.Shape[0];

    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x)
    {
        var phase = Ops.Linear(x, x.Tape.Constant(_frequencies));
        return Ops.Concat(-1, Ops.Sin(phase), Ops.Cos(phase));
    }

    /// <inheritdoc/>
    /// <remarks>Pullback: <c>(g_sin cos(p) − g_cos sin(p)) 2πB</c>, p the phase.</remarks>
    public override (Variable<T> Output, Pullback<T> Pullback) ForwardWithPullback(Variable<T> x)
    {
        var frequencies = x.Tape.Constant(_frequencies);
        var phase = Ops.Linear(x, frequencies);
        var (sin, cos) = (Ops.Sin(phase), Ops.Cos(phase));
        int m = _frequencies.Shape[0];
        return (Ops.Concat(-1, sin, cos), g =>
        {
            var phaseGradient = Ops.Sub(Ops.Mul(Ops.Slice(g, -1, 0, m), cos), Ops.Mul(Ops.Slice(g, -1, m, m), sin));
            return Ops.Linear(phaseGradient, Ops.Transpose(frequencies));
        });
    }
}
