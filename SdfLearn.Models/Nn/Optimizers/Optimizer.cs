using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;

namespace SdfLearn.Nn.Optimizers;

/// <summary>
/// Updates a fixed list of parameters from their accumulated gradients, as PyTorch's <c>torch.optim.Optimizer</c>:
/// call <see cref="Step"/> after the backward pass and <see cref="ZeroGrad"/> before the next one.
/// Parameters whose <see cref="Parameter{T}.RequiresGrad"/> is false are skipped. All state lives in tensors
/// allocated up front, so a step allocates nothing; <see cref="StateDict"/>/<see cref="LoadStateDict"/> carry it
/// through checkpoints so a resumed run continues bit for bit.
/// </summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;
    private readonly long[] _steps;
    private readonly List<(string Name, Tensor<T>[] PerParameter)> _buffers = [];
    private double _learningRate;

    /// <summary>Takes the parameters to optimise (in a fixed order: state is saved by position) and the learning rate.</summary>
    /// <exception cref="ArgumentException">The list is empty or holds the same parameter twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate is negative or not finite.</exception>
    protected Optimizer(IEnumerable<Parameter<T>> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        if (_parameters.Length == 0)
            throw new ArgumentException("An optimiser needs at least one parameter.", nameof(parameters));
        if (_parameters.Distinct(ReferenceEqualityComparer.Instance).Count() != _parameters.Length)
            throw new ArgumentException("The same parameter appears twice in the optimiser's list.", nameof(parameters));
        _steps = new long[_parameters.Length];
        LearningRate = learningRate;
    }

    /// <summary>The parameters being optimised, in state order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>The learning rate used by the next <see cref="Step"/>; set it between steps for schedules.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be finite and non-negative.");
    }

    /// <summary>Applies one update to every parameter that requires a gradient.</summary>
    public void Step()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (!_parameters[i].RequiresGrad) continue;
            _steps[i]++;
            Update(i, _parameters[i], _steps[i]);
        }
    }

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters) parameter.ZeroGrad();
    }

    /// <summary>
    /// The optimiser state as named tensors: per parameter <c>state.{index}.step</c> and each buffer as
    /// <c>state.{index}.{buffer}</c> (PyTorch's names, e.g. <c>state.0.exp_avg</c>). The tensors are copies. The
    /// learning rate is not included: it is a double that a float tensor would round (and a resumed run would then
    /// drift in the last bit); schedules set it, and <c>TrainingCheckpoint</c> keeps it exactly in the metadata.
    /// </summary>
    public Dictionary<string, Tensor<T>> StateDict()
    {
        var state = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        for (int i = 0; i < _parameters.Length; i++)
        {
            state[$"state.{i}.step"] = ScalarTensor(T.CreateTruncating(_steps[i]));
            foreach (var (name, perParameter) in _buffers) state[$"state.{i}.{name}"] = perParameter[i].Clone();
        }
        return state;
    }

    /// <summary>Restores state saved by <see cref="StateDict"/> from an optimiser of the same kind over the same parameters.</summary>
    /// <exception cref="KeyNotFoundException">An expected tensor is missing (the message names it).</exception>
    /// <exception cref="ArgumentException">A tensor has the wrong shape, a step is invalid, or an unknown tensor is present.</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor<T>> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var expected = StateDict();
        foreach (string name in state.Keys)
        {
            if (!expected.ContainsKey(name))
                throw new ArgumentException($"Optimiser state has unexpected tensor {BoundedText.Quote(name)} (is it from another optimiser or model?).", nameof(state));
        }
        foreach (var (name, current) in expected)
        {
            if (!state.TryGetValue(name, out var loaded))
                throw new KeyNotFoundException($"Optimiser state is missing tensor '{name}'.");
            if (loaded.Length != current.Length || (loaded.Rank > 0 && loaded.Shape != current.Shape))
                throw new ArgumentException($"Optimiser state tensor '{name}' has shape {loaded.Shape}, expected {current.Shape}.", nameof(state));
        }
        var steps = new long[_parameters.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            double step = double.CreateTruncating(state[$"state.{i}.step"].Span[0]);
            if (!(step >= 0 && step == Math.Floor(step)))
                throw new ArgumentException($"Optimiser state tensor 'state.{i}.step' holds {step}, not a step count.", nameof(state));
            steps[i] = (long)step;
        }
        // Everything checked: only now overwrite, so a bad state dict leaves the optimiser unchanged.
        for (int i = 0; i < _parameters.Length; i++)
        {
            _steps[i] = steps[i];
            foreach (var (name, perParameter) in _buffers) state[$"state.{i}.{name}"].Span.CopyTo(perParameter[i].Span);
        }
    }

    /// <summary>Updates one parameter; <paramref name="step"/> counts this parameter's updates from 1.</summary>
    protected abstract void Update(int index, Parameter<T> parameter, long step);

    /// <summary>Allocates a zero buffer per parameter (same shape), saved in the state dict as <c>state.{index}.{name}</c>.</summary>
    protected Tensor<T>[] AddBuffer(string name)
    {
        var perParameter = _parameters.Select(p => new Tensor<T>(p.Shape)).ToArray();
        _buffers.Add((name, perParameter));
        return perParameter;
    }

    private static Tensor<T> ScalarTensor(T value) => new([value], new Shape(ReadOnlySpan<int>.Empty));
}
