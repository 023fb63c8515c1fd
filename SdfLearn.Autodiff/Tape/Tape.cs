using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private readonly List<Variable<T>> _nodes = [];
    private readonly List<Variable<T>>[] _variables = [[], []];
    private int _issued;
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
        return Issue(value, requiresGrad: false, parameter: null);
    }

    /// <summary>
    /// A leaf for a parameter: <see cref="Backward"/> accumulates straight into <see cref="Parameter{T}.Grad"/> when the
    /// parameter requires a gradient (and the tape is recording).
    /// </summary>
    public Variable<T> Watch(Parameter<T> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return Issue(parameter.Value, parameter.RequiresGrad && IsRecording, parameter);
    }

    /// <summary>A leaf whose gradient, if required, is kept on the returned variable's <see cref="Variable{T}.Grad"/>.</summary>
    public Variable<T> Input(Tensor<T> value, bool requiresGrad)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Issue(value, requiresGrad && IsRecording, parameter: null);
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
            var output = _nodes[i];
            if (output.Grad is not null) output.Op.Backward(output);
        }
        _nodes.Clear();
        _backwardDone = true;
    }

    /// <summary>
    /// Forgets the recorded graph and takes back every value and gradient buffer handed out since the last reset, to
    /// be reused by the next forward pass. Variables recorded before the reset are dead: their objects are recycled by
    /// later steps, and using one on the next step throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public void Reset()
    {
        _nodes.Clear();
        _issued = 0;
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
    /// Records a custom op: <paramref name="value"/> is its already computed output (e.g. from <see cref="Rent(Shape)"/>), and
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
        if (output.RequiresGrad)
            Record(output, static output => ((Action<Tensor<T>>)output.Op.Saved!)(output.Grad!), saved: backward);
        return output;
    }

    /// <summary>A buffer with the given dimensions (for an op that works them out on the stack).</summary>
    internal Tensor<T> Rent(ReadOnlySpan<int> dims) => _pool.Rent(dims);

    /// <summary>A zero-filled buffer.</summary>
    internal Tensor<T> RentZeroed(ReadOnlySpan<int> dims) => _pool.RentZeroed(dims);

    /// <summary>
    /// Creates the output variable of an op. It requires a gradient when recording and any input requires one; the
    /// caller then records its backward with <see cref="Record"/> only in that case.
    /// </summary>
    internal Variable<T> Result(Tensor<T> value, bool anyInputRequiresGrad) =>
        Issue(value, anyInputRequiresGrad && IsRecording, parameter: null);

    /// <summary>
    /// The output variable of a reshape: a view of <paramref name="source"/> with <paramref name="dims"/> (one may be -1).
    /// The view held by the variable this recycles is reused when it is already that view, so that a steady-state
    /// reshape allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The element counts differ.</exception>
    internal Variable<T> ResultView(Tensor<T> source, ReadOnlySpan<int> dims, bool anyInputRequiresGrad)
    {
        var variables = _variables[Generation & 1];
        var recycled = _issued < variables.Count ? variables[_issued].RecycledValue : null;
        var view = recycled is not null && IsView(recycled, source, dims) ? recycled : source.Reshape(dims);
        return Issue(view, anyInputRequiresGrad && IsRecording, parameter: null);
    }

    /// <summary>Whether <paramref name="view"/> shares <paramref name="source"/>'s buffer with the shape <paramref name="dims"/> asks for.</summary>
    private static bool IsView(Tensor<T> view, Tensor<T> source, ReadOnlySpan<int> dims)
    {
        if (view.Length != source.Length || view.Rank != dims.Length
            || !Unsafe.AreSame(ref MemoryMarshal.GetReference(view.Span), ref MemoryMarshal.GetReference(source.Span)))
            return false;
        int inferred = 0;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1) inferred++;
            else if (dims[i] != view.Shape[i]) return false;
        }
        return inferred <= 1; // one -1 is inferred from the equal element counts; more must throw, as Reshape does
    }

    /// <summary>
    /// Appends an op's backward step, which runs only if a gradient reaches <paramref name="output"/>. It is given the
    /// output and reads the op's inputs and arguments from <see cref="Variable{T}.Op"/>, where this stores them; pass a
    /// static lambda, so that recording allocates nothing.
    /// </summary>
    internal void Record(Variable<T> output, Action<Variable<T>> backward, Variable<T>? a = null, Variable<T>? b = null,
        Variable<T>? c = null, Variable<T>? d = null, Variable<T>? e = null, object? saved = null, object? saved2 = null, int i = 0,
        int j = 0, int k = 0, T scalar = default, T scalar2 = default)
    {
        output.Op = new OpRecord<T>
        {
            Backward = backward, A = a, B = b, C = c, D = d, E = e, Saved = saved, Saved2 = saved2, I = i, J = j, K = k,
            Scalar = scalar, Scalar2 = scalar2,
        };
        _nodes.Add(output);
    }

    /// <summary>
    /// The variable for a new value: the object at the same recording position two steps ago (its step's variables are
    /// dead), or a new one while the graph grows. Alternating two lists by step means a variable of the previous step is
    /// never reused by this one, so using it still fails its generation check.
    /// </summary>
    private Variable<T> Issue(Tensor<T> value, bool requiresGrad, Parameter<T>? parameter)
    {
        var variables = _variables[Generation & 1];
        if (_issued == variables.Count) variables.Add(new Variable<T>(this));
        var variable = variables[_issued++];
        variable.Reuse(value, requiresGrad, parameter);
        return variable;
    }

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
