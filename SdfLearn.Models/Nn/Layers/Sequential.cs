using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Layers;

/// <summary>
/// Layers applied one after another, as <c>torch.nn.Sequential</c>; children are named by position ("0", "1", ...), so
/// parameter names read <c>3.weight</c>, and parameter-free layers (activations) still take an index, as in PyTorch.
/// </summary>
public sealed class Sequential<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<Layer<T>> _layers = [];

    /// <summary>Creates the sequence from its layers, in order.</summary>
    public Sequential(params IEnumerable<Layer<T>> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer<T>> Layers => _layers;

    /// <summary>Appends a layer under the next index.</summary>
    public void Add(Layer<T> layer)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
    }

    /// <inheritdoc/>
    public override Variable<T> Forward(Variable<T> x)
    {
        foreach (var layer in _layers) x = layer.Forward(x);
        return x;
    }

    /// <inheritdoc/>
    /// <remarks>Pullback: the layers' pullbacks in reverse order.</remarks>
    public override (Variable<T> Output, Pullback<T> Pullback) ForwardWithPullback(Variable<T> x)
    {
        var pullbacks = new Pullback<T>[_layers.Count];
        for (int i = 0; i < _layers.Count; i++) (x, pullbacks[i]) = _layers[i].ForwardWithPullback(x);
        return (x, g =>
        {
            for (int i = pullbacks.Length - 1; i >= 0; i--) g = pullbacks[i](g);
            return g;
        });
    }
}
