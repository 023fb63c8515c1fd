namespace SdfLearn.Autodiff;

/// <summary>Which form of GELU to compute (PyTorch's <c>approximate</c> argument).</summary>
public enum GeluApproximation
{
    /// <summary><c>x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))</c>: Flax's default and the reference models' choice.</summary>
    Tanh,

    /// <summary><c>x Phi(x) = x/2 (1 + erf(x / sqrt 2))</c>: PyTorch's default.</summary>
    Exact,
}
