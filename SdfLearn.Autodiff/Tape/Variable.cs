using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

/// <summary>
/// A value recorded on a <see cref="Tape{T}"/>, and after <see cref="Tape{T}.Backward"/> the gradient of the loss with
/// respect to it. Values and gradients produced by ops are buffers owned by the tape: they stay valid until
/// <see cref="Tape{T}.Reset"/> recycles them (clone a value to keep it longer). The variable objects themselves are
/// recycled too, by recording position, so a variable is dead after the reset that follows its step: reading it or
/// passing it to an op on the next step throws rather than return another step's data (see docs/autodiff.md).
/// </summary>
public sealed class Variable<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int _generation;
    private Tensor<T>? _value;

    /// <summary>A blank variable for the tape's recycling list; <see cref="Reuse"/> gives it a value.</summary>
    internal Variable(Tape<T> tape) => Tape = tape;

    /// <summary>Makes this object the variable of the tape's current step for <paramref name="value"/>.</summary>
    internal void Reuse(Tensor<T> value, bool requiresGrad, Parameter<T>? parameter)
    {
        _value = value;
        RequiresGrad = requiresGrad;
        Parameter = parameter;
        _generation = Tape.Generation;
        Grad = requiresGrad && parameter is not null ? parameter.Grad : null;
    }

    /// <summary>
    /// What the op that produced this value recorded for its backward pass (<see cref="Tape{T}.Record"/>); kept with
    /// the variable so that recording a step allocates no closure.
    /// </summary>
    internal OpRecord<T> Op;

    /// <summary>The value this object held when last issued, unchecked (null for a new one): for reuse by the tape.</summary>
    internal Tensor<T>? RecycledValue => _value;

    /// <summary>The tape this value was recorded on.</summary>
    public Tape<T> Tape { get; }

    /// <summary>The value, valid until the tape's next <see cref="Tape{T}.Reset"/>.</summary>
    /// <exception cref="InvalidOperationException">The tape was reset since this value was recorded (its buffer may now
    /// hold another step's data): read values before the reset, or keep a copy (<c>Value.Clone()</c>).</exception>
    public Tensor<T> Value => Live(nameof(Value));

    /// <summary>
    /// The gradient of the loss with respect to this value, once backward has reached it; null when no gradient flowed
    /// here (or none is required). For a watched parameter this is the parameter's own <see cref="Parameter{T}.Grad"/>.
    /// </summary>
    public Tensor<T>? Grad { get; private set; }

    /// <summary>The shape of the value.</summary>
    public Shape Shape => _value!.Shape;

    /// <summary>Whether a gradient flows back to this value (it is, or depends on, a value that requires one).</summary>
    public bool RequiresGrad { get; private set; }

    /// <summary>The parameter this leaf watches, if any.</summary>
    public Parameter<T>? Parameter { get; private set; }

    /// <summary>The single element of a one-element value (e.g. a loss).</summary>
    /// <exception cref="InvalidOperationException">The value has more than one element, or the tape was reset since it
    /// was recorded (read the loss before <see cref="Tape{T}.Reset"/>).</exception>
    public T Item() => Live(nameof(Item)).Item();

    /// <summary>Describes the variable, e.g. <c>Variable&lt;Single&gt;[2, 3] (requires grad)</c>.</summary>
    public override string ToString() => $"Variable<{typeof(T).Name}>{Shape}{(RequiresGrad ? " (requires grad)" : "")}";

    /// <summary>
    /// The gradient buffer that backward functions add into (<c>+=</c>, since a value used twice receives the sum),
    /// rented zero-filled from the tape on first use. For use in the backward of a custom op (see <see cref="Tape{T}.RecordOp"/>).
    /// </summary>
    public Span<T> GradAccumulator()
    {
        Grad ??= Tape.RentZeroed(Shape.Dims);
        return Grad.Span;
    }

    /// <summary>
    /// The gradient buffer for a backward that writes every element of it: <paramref name="accumulate"/> is false when
    /// no gradient has reached this value yet, and the buffer (rented without zeroing) must then be overwritten.
    /// </summary>
    internal Span<T> GradForFullWrite(out bool accumulate)
    {
        accumulate = Grad is not null;
        Grad ??= Tape.Rent(Shape);
        return Grad.Span;
    }

    /// <summary>Throws unless this value was recorded on <paramref name="tape"/> since its last reset.</summary>
    internal void EnsureUsableOn(Tape<T> tape, string operation)
    {
        if (!ReferenceEquals(tape, Tape))
            throw new InvalidOperationException($"{operation}: {this} was recorded on another tape; all inputs of an op must share one tape.");
        if (_generation != tape.Generation)
            throw new InvalidOperationException(
                $"{operation}: {this} was recorded before the tape's last Reset(), which recycled its buffers; record it again on this step.");
    }

    /// <summary>The value, after one compare of generations (the hot path; the throw lives out of line).</summary>
    private Tensor<T> Live(string member)
    {
        if (_generation != Tape.Generation) ThrowRecycled(member);
        return _value!;
    }

    private void ThrowRecycled(string member) => throw new InvalidOperationException(
        $"{member}: {this} belongs to a tape that was Reset() after it was recorded, so its buffer may now hold another step's " +
        "data. Read values before calling Reset() (e.g. loss.Item()), or keep a copy (Value.Clone()).");

    /// <summary>Sum of two values, with broadcasting (see <see cref="Ops.Add{T}"/>).</summary>
    public static Variable<T> operator +(Variable<T> left, Variable<T> right) => Ops.Add(left, right);

    /// <summary>Difference of two values, with broadcasting (see <see cref="Ops.Sub{T}"/>).</summary>
    public static Variable<T> operator -(Variable<T> left, Variable<T> right) => Ops.Sub(left, right);

    /// <summary>Element-wise product, with broadcasting (see <see cref="Ops.Mul{T}"/>).</summary>
    public static Variable<T> operator *(Variable<T> left, Variable<T> right) => Ops.Mul(left, right);

    /// <summary>Element-wise quotient, with broadcasting (see <see cref="Ops.Div{T}"/>).</summary>
    public static Variable<T> operator /(Variable<T> left, Variable<T> right) => Ops.Div(left, right);

    /// <summary>Multiplies every element by a constant (see <see cref="Ops.Scale{T}"/>).</summary>
    public static Variable<T> operator *(Variable<T> value, T factor) => Ops.Scale(value, factor);

    /// <summary>Multiplies every element by a constant (see <see cref="Ops.Scale{T}"/>).</summary>
    public static Variable<T> operator *(T factor, Variable<T> value) => Ops.Scale(value, factor);

    /// <summary>Negates every element.</summary>
    public static Variable<T> operator -(Variable<T> value) => Ops.Scale(value, -T.One);
}
