using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Layers;

/// <summary>A module that maps one value to another (PyTorch's <c>forward(x)</c>), so it can sit in a <see cref="Sequential{T}"/>.</summary>
public abstract class Layer<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Records the layer's computation on the tape of <paramref name="x"/> (PyTorch's <c>forward(x)</c>) and returns its output.</summary>
    public abstract Variable<T> Forward(Variable<T> x);
}
