namespace SdfLearn.Autodiff;

/// <summary>Which form of GELU to compute (PyTorch's <c>approximate</c> argument).</summary>
public enum GeluApproximation
{
    /// <summary>
    /// <c>x Phi(x) = x/2 (1 + erf(x / sqrt 2))</c>: PyTorch's default (<c>approximate="none"</c>) and SdfLearn's.
    /// </summary>
    Exact,

    /// <summary>
    /// <c>x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))</c> (<c>approximate="tanh"</c>): Flax's default and the reference
    /// image models' choice; cheaper, as it is vectorised.
    /// </summary>
    Tanh,
}
