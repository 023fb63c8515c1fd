using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

/// <summary>
/// Records the ops of a forward pass so that <see cref="Backward"/> can run their hand-written gradients in reverse.
/// The recording order is a topological order, so backward is a walk down the list. A training step is:
/// <see cref="Reset"/>, forward ops on <see cref="Watch"/>ed parameters, <see cref="Backward"/> from the loss, then an
/// optimiser reads each <see cref="Parameter{T}.Grad"/>. Buffers of values and gradients are rented from a pool that
/// <see cref="Reset"/> refills, so steady-state steps do not allocate them. Not thread-safe: one tape per thread.
/// </summary>
/// <typeparam name="T"><see cref="float"/> for training, <see cref="double"/> for gradient checks.</typeparam>
public sealed class Tape<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly TensorPool<T> _pool = new();
    private readonly List<(Variable<T> Output, Action Backward)> _nodes = [];
    private int _noGradDepth;
    private bool _backwardDone;

    /// <summary>Counts resets; variables remember it so that use after a reset fails clearly.</summary>
    internal int Generation { get; private set; }

    /// <summary>Whether ops record their backward (false inside a <see cref="NoGrad"/> scope).</summary>
    public bool IsRecording => _noGradDepth == 0;

    /// <summary>Number of ops recorded since the last reset.</summary>
    public int RecordedOpCount => _nodes.Count;

    /// <summary>A leaf that never receives a gradient (data, targets). The tensor is used as is, not copied.</summary>
    public Variable<T> Constant(Tensor<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Variable<T>(this, value, requiresGrad: false);
    }

    /// <summary>
    /// A leaf for a parameter: <see cref="Backward"/> accumulates straight into <see cref="Parameter{T}.Grad"/> when the
    /// parameter requires a gradient (and the tape is recording).
    /// </summary>
    public Variable<T> Watch(Parameter<T> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return new Variable<T>(this, parameter.Value, parameter.RequiresGrad && IsRecording, parameter);
    }

    /// <summary>A leaf whose gradient, if required, is kept on the returned variable's <see cref="Variable{T}.Grad"/>.</summary>
    public Variable<T> Input(Tensor<T> value, bool requiresGrad)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Variable<T>(this, value, requiresGrad && IsRecording);
    }

    /// <summary>
    /// Runs the recorded backward functions in reverse, starting from d(loss)/d(loss) = 1, accumulating gradients into
    /// every variable that requires one (parameters' gradients add up across calls until they are zeroed). Afterwards
    /// the graph is freed: call <see cref="Reset"/> and record a new forward pass before the next backward.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loss has more than one element, does not require a gradient,
    /// belongs to another tape or an earlier step, or backward already ran on this recording.</exception>
    public void Backward(Variable<T> loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (_backwardDone)
            throw new InvalidOperationException(
                "Backward was already called on this tape and its graph has been freed; call Reset() and record the forward pass again.");
        loss.EnsureUsableOn(this, nameof(Backward));
        if (loss.Shape.Length != 1)
            throw new InvalidOperationException(
                $"Backward needs a scalar loss (one element), but the value has shape {loss.Shape}; reduce it first with Ops.Sum or Ops.Mean.");
        if (!loss.RequiresGrad)
            throw new InvalidOperationException(
                "Backward: the loss does not depend on any parameter or input that requires a gradient (or was computed under NoGrad()).");

        loss.GradAccumulator()[0] += T.One;
        for (int i = _nodes.Count - 1; i >= 0; i--)
        {
            var (output, backward) = _nodes[i];
            if (output.Grad is not null) backward();
        }
        _nodes.Clear();
        _backwardDone = true;
    }

    /// <summary>
    /// Forgets the recorded graph and takes back every value and gradient buffer handed out since the last reset, to
    /// be reused by the next forward pass. Variables recorded before the reset must not be used afterwards.
    /// </summary>
    public void Reset()
    {
        _nodes.Clear();
        _pool.ReturnAll();
        _backwardDone = false;
        Generation++;
    }

    /// <summary>Like <see cref="Reset"/>, then fills the recycled buffers with NaN (for checks of buffer reuse).</summary>
    internal void ResetAndPoison()
    {
        Reset();
        _pool.PoisonFree();
    }

    /// <summary>
    /// Inference mode until the returned scope is disposed: ops compute values but record nothing, and no gradients
    /// are required. Scopes nest.
    /// </summary>
    public IDisposable NoGrad()
    {
        _noGradDepth++;
        return new NoGradScope(this);
    }

    /// <summary>
    /// A buffer owned by the tape with unspecified contents, for a custom op's value or scratch; <see cref="Reset"/>
    /// takes it back, so steady-state steps reuse it.
    /// </summary>
    public Tensor<T> Rent(Shape shape) => _pool.Rent(shape);

    /// <summary>
    /// Records a custom op: <paramref name="value"/> is its already computed output (e.g. from <see cref="Rent"/>), and
    /// <paramref name="backward"/>, given the output's gradient, adds each input's gradient into
    /// <see cref="Variable{T}.GradAccumulator"/> of the inputs that require one. Check the op with <see cref="GradientCheck"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">An input belongs to another tape or an earlier step.</exception>
    public Variable<T> RecordOp(Tensor<T> value, IReadOnlyList<Variable<T>> inputs, Action<Tensor<T>> backward)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(backward);
        bool requiresGrad = false;
        foreach (var input in inputs)
        {
            input.EnsureUsableOn(this, nameof(RecordOp));
            requiresGrad |= input.RequiresGrad;
        }
        var output = Result(value, requiresGrad);
        if (output.RequiresGrad) Record(output, () => backward(output.Grad!));
        return output;
    }

    /// <summary>A zero-filled buffer.</summary>
    internal Tensor<T> RentZeroed(Shape shape) => _pool.RentZeroed(shape);

    /// <summary>
    /// Creates the output variable of an op. It requires a gradient when recording and any input requires one; the
    /// caller then records its backward with <see cref="Record"/> only in that case.
    /// </summary>
    internal Variable<T> Result(Tensor<T> value, bool anyInputRequiresGrad) =>
        new(this, value, anyInputRequiresGrad && IsRecording);

    /// <summary>Appends an op's backward function; it runs only if a gradient reaches <paramref name="output"/>.</summary>
    internal void Record(Variable<T> output, Action backward) => _nodes.Add((output, backward));

    private sealed class NoGradScope(Tape<T> tape) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            tape._noGradDepth--;
        }
    }
}
