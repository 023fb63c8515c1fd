using System.Numerics;
using SdfLearn.Core;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using SdfLearn.Autodiff;

namespace SdfLearn.Nn.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, as <c>torch.optim.SGD</c>:
/// <c>g = grad + weightDecay * p</c>; with momentum <c>b = g</c> on the first step, then
/// <c>b = momentum * b + (1 - dampening) * g</c>, and <c>g = nesterov ? g + momentum * b : b</c>; finally <c>p -= lr * g</c>.
/// </summary>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[]? _momentumBuffers;
    private readonly T[] _decayed, _nesterov;

    /// <summary>Creates the optimiser (PyTorch defaults: lr 1e-3, no momentum, dampening or weight decay).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is negative, or Nesterov is asked without momentum or with dampening.</exception>
    public Sgd(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-3, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false) : base(parameters, learningRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(momentum);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentOutOfRangeException(nameof(nesterov), "Nesterov momentum requires a positive momentum and zero dampening.");
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
        if (momentum != 0) _momentumBuffers = AddBuffer("momentum_buffer");
        int largest = Parameters.Max(p => p.Value.Length);
        _decayed = weightDecay != 0 ? new T[largest] : [];
        _nesterov = nesterov ? new T[largest] : [];
    }

    /// <summary>The momentum factor.</summary>
    public double Momentum { get; }

    /// <summary>Dampening of the momentum's gradient term.</summary>
    public double Dampening { get; }

    /// <summary>L2 penalty added to the gradient.</summary>
    public double WeightDecay { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter<T> parameter, long step)
    {
        Span<T> value = parameter.Value.Span;
        ReadOnlySpan<T> gradient = parameter.Grad.Span;
        if (WeightDecay != 0)
        {
            Span<T> decayed = _decayed.AsSpan(0, value.Length);
            TensorPrimitives.MultiplyAdd(value, T.CreateTruncating(WeightDecay), gradient, decayed);
            gradient = decayed;
        }
        if (_momentumBuffers is not null)
        {
            Span<T> buffer = _momentumBuffers[index].Span;
            if (step == 1)
            {
                gradient.CopyTo(buffer);
            }
            else
            {
                TensorPrimitives.Multiply(buffer, T.CreateTruncating(Momentum), buffer);
                TensorPrimitives.MultiplyAdd(gradient, T.CreateTruncating(1 - Dampening), buffer, buffer);
            }
            if (Nesterov)
            {
                Span<T> nesterovGradient = _nesterov.AsSpan(0, value.Length);
                TensorPrimitives.MultiplyAdd(buffer, T.CreateTruncating(Momentum), gradient, nesterovGradient);
                gradient = nesterovGradient;
            }
            else
            {
                gradient = buffer;
            }
        }
        TensorPrimitives.MultiplyAdd(gradient, T.CreateTruncating(-LearningRate), value, value);
    }
}
