using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

/// <summary>
/// The differentiable operations. Each lives in its own file with its forward pass and, right beside it, the
/// hand-written backward pass that the tape runs in reverse. Results are buffers rented from the inputs' tape.
/// </summary>
public static partial class Ops
{
    /// <summary>The shape of a one-element, rank-0 result (losses, full reductions).</summary>
    internal static readonly Shape ScalarShape = new(ReadOnlySpan<int>.Empty);

    /// <summary>Computes <c>y = f(x)</c> element by element.</summary>
    internal delegate void SpanMap<T>(ReadOnlySpan<T> x, Span<T> y);

    /// <summary>Adds <c>f'(x) * gradY</c> into <c>gradX</c>, given the input and the forward output.</summary>
    internal delegate void SpanGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gradY, Span<T> gradX);

    /// <summary>The shared body of every element-wise unary op: rent, map, and record the gradient if needed.</summary>
    private static Variable<T> Elementwise<T>(string op, Variable<T> x, SpanMap<T> forward, SpanGradient<T> backward)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(op, x);
        var y = tape.Result(tape.Rent(x.Shape), x.RequiresGrad);
        forward(x.Value.Span, y.Value.Span);
        if (y.RequiresGrad)
            tape.Record(y, () => backward(x.Value.Span, y.Value.Span, y.Grad!.Span, x.GradAccumulator()));
        return y;
    }

    /// <summary>The tape shared by an op's inputs, after checking each is live on it.</summary>
    private static Tape<T> TapeOf<T>(string op, Variable<T> first, params ReadOnlySpan<Variable<T>?> others)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(first);
        var tape = first.Tape;
        first.EnsureUsableOn(tape, op);
        foreach (var other in others) other?.EnsureUsableOn(tape, op);
        return tape;
    }
}
