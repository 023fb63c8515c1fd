using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;

namespace SdfLearn.Nn.Layers;

/// <summary>
/// A building block that owns named parameters and child modules, as PyTorch's <c>nn.Module</c>. Names join with dots
/// in declaration order, so a model's <see cref="StateDict"/> keys read like PyTorch's (e.g. <c>encoder.layers.0.weight</c>)
/// and checkpoints map across.
/// </summary>
/// <typeparam name="T"><see cref="float"/> for training, <see cref="double"/> for gradient checks.</typeparam>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<(string Name, Parameter<T> Parameter)> _parameters = [];
    private readonly List<(string Name, Tensor<T> Buffer)> _buffers = [];
    private readonly List<(string Name, Module<T> Module)> _children = [];

    /// <summary>Whether the module is in training mode (the default) rather than evaluation mode; see <see cref="Train"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>This module's direct children with their names, in declaration order.</summary>
    public IEnumerable<KeyValuePair<string, Module<T>>> NamedChildren() => _children.Select(c => KeyValuePair.Create(c.Name, c.Module));

    /// <summary>Every parameter of this module and its descendants with its dotted name, in declaration order.</summary>
    public IEnumerable<KeyValuePair<string, Parameter<T>>> NamedParameters()
    {
        foreach (var (name, parameter) in _parameters) yield return KeyValuePair.Create(name, parameter);
        foreach (var (childName, child) in _children)
            foreach (var (name, parameter) in child.NamedParameters())
                yield return KeyValuePair.Create($"{childName}.{name}", parameter);
    }

    /// <summary>
    /// Every buffer of this module and its descendants with its dotted name, in declaration order: state that is saved
    /// and loaded with the parameters but not trained by an optimiser (PyTorch's <c>register_buffer</c>).
    /// </summary>
    public IEnumerable<KeyValuePair<string, Tensor<T>>> NamedBuffers()
    {
        foreach (var (name, buffer) in _buffers) yield return KeyValuePair.Create(name, buffer);
        foreach (var (childName, child) in _children)
            foreach (var (name, buffer) in child.NamedBuffers())
                yield return KeyValuePair.Create($"{childName}.{name}", buffer);
    }

    /// <summary>Every parameter of this module and its descendants, in the order of <see cref="NamedParameters"/>.</summary>
    public IEnumerable<Parameter<T>> Parameters() => NamedParameters().Select(entry => entry.Value);

    /// <summary>The total number of trainable scalars.</summary>
    public long ParameterCount() => Parameters().Sum(p => (long)p.Value.Length);

    /// <summary>Sets the gradient of every parameter to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Parameters()) parameter.ZeroGrad();
    }

    /// <summary>
    /// Copies of every parameter value and then every buffer keyed by dotted name, in declaration order (a PyTorch-style
    /// state dict).
    /// </summary>
    public Dictionary<string, Tensor<T>> StateDict()
    {
        var state = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var (name, tensor) in NamedState()) state[name] = tensor.Clone();
        return state;
    }

    /// <summary>Every parameter's value and every buffer, with their dotted names: what a state dict holds.</summary>
    private IEnumerable<KeyValuePair<string, Tensor<T>>> NamedState() =>
        NamedParameters().Select(entry => KeyValuePair.Create(entry.Key, entry.Value.Value)).Concat(NamedBuffers());

    /// <summary>
    /// Copies values into the parameters and buffers by name. With <paramref name="strict"/> (the default) every one
    /// must be present and no other name may appear; otherwise missing and unknown names are ignored.
    /// </summary>
    /// <exception cref="KeyNotFoundException">Strict, and a parameter or buffer is missing (the message names it).</exception>
    /// <exception cref="ArgumentException">Strict, and the state has names this module does not.</exception>
    /// <exception cref="ShapeMismatchException">A tensor's shape differs from its parameter's or buffer's (the message names it).</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor<T>> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var named = NamedState().ToList();
        if (strict)
        {
            var known = named.Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);
            var unexpected = state.Keys.Where(name => !known.Contains(name)).ToList();
            if (unexpected.Count > 0)
                throw new ArgumentException($"State dict has names the module lacks: {BoundedText.List(unexpected)}.", nameof(state));
        }
        // Check everything before copying anything, so a bad state dict leaves the module unchanged.
        foreach (var (name, target) in named)
        {
            if (!state.TryGetValue(name, out var value))
            {
                if (strict) throw new KeyNotFoundException($"State dict is missing '{name}' (shape {target.Shape}).");
                continue;
            }
            if (value.Shape != target.Shape)
                throw new ShapeMismatchException($"State dict tensor '{name}' has shape {value.Shape}, but the module's has shape {target.Shape}.");
        }
        foreach (var (name, target) in named)
            if (state.TryGetValue(name, out var value)) target.CopyFrom(value);
    }

    /// <summary>Sets training (true) or evaluation (false) mode on this module and all descendants.</summary>
    public void Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in _children) child.Train(training);
    }

    /// <summary>Switches this module and all descendants to evaluation mode.</summary>
    public void Eval() => Train(false);

    /// <summary>Registers a parameter under <paramref name="name"/> (no dots) and returns it.</summary>
    /// <exception cref="ArgumentException">The name is empty, contains a dot or is taken.</exception>
    protected Parameter<T> RegisterParameter(string name, Parameter<T> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        CheckName(name);
        _parameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>Registers a buffer (saved and loaded with the parameters, never trained) under <paramref name="name"/> (no dots) and returns it.</summary>
    /// <exception cref="ArgumentException">The name is empty, contains a dot or is taken.</exception>
    protected Tensor<T> RegisterBuffer(string name, Tensor<T> buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        CheckName(name);
        _buffers.Add((name, buffer));
        return buffer;
    }

    /// <summary>Registers a child module under <paramref name="name"/> (no dots) and returns it.</summary>
    /// <exception cref="ArgumentException">The name is empty, contains a dot or is taken.</exception>
    protected TModule RegisterModule<TModule>(string name, TModule module) where TModule : Module<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckName(name);
        _children.Add((name, module));
        return module;
    }

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.'))
            throw new ArgumentException($"Module member name '{name}' must not contain '.', which separates nested names.", nameof(name));
        if (_parameters.Any(p => p.Name == name) || _buffers.Any(b => b.Name == name) || _children.Any(c => c.Name == name))
            throw new ArgumentException($"'{name}' is already registered on {GetType().Name}.", nameof(name));
    }
}
