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

    /// <summary>Writes (or, when accumulating, adds) <c>f'(x) * gradY</c> into <c>gradX</c>, given the input and the forward output.</summary>
    internal delegate void SpanGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate);

    /// <summary>The shared body of every element-wise unary op: rent, map, and record the gradient if needed.</summary>
    private static Variable<T> Elementwise<T>(string op, Variable<T> x, SpanMap<T> forward, SpanGradient<T> backward)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(op, x);
        var y = tape.Result(tape.Rent(x.Shape), x.RequiresGrad);
        var forwardBlocks = new ElementwiseBlocks<T>(x, y, forward, null, false);
        ComputeThreads.For(BlockCount(x.Shape.Length), ref forwardBlocks);
        if (y.RequiresGrad)
            tape.Record(y, () =>
            {
                x.GradForFullWrite(out bool accumulate); // rent the buffer once, before the threads share it
                var backwardBlocks = new ElementwiseBlocks<T>(x, y, null, backward, accumulate);
                ComputeThreads.For(BlockCount(x.Shape.Length), ref backwardBlocks);
            });
        return y;
    }

    /// <summary>Elements per block when an element-wise op is spread over threads; smaller values run inline.</summary>
    private const int ParallelBlockLength = 1 << 15;

    /// <summary>
    /// Fixed blocks of <see cref="ParallelBlockLength"/> elements (the last shorter) over which an element-wise op is
    /// spread on up to <see cref="ComputeThreads.MaxThreads"/> threads. Each element belongs to one block, so results
    /// do not depend on the thread count.
    /// </summary>
    private static int BlockCount(int length) => (length + ParallelBlockLength - 1) / ParallelBlockLength;

    /// <summary>One block of an element-wise op's forward map (when <c>forward</c> is set) or of its gradient.</summary>
    private readonly struct ElementwiseBlocks<T>(Variable<T> x, Variable<T> y, SpanMap<T>? forward, SpanGradient<T>? backward, bool accumulate)
        : IChunkBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int block)
        {
            int start = block * ParallelBlockLength, length = Math.Min(ParallelBlockLength, x.Shape.Length - start);
            if (forward is not null)
            {
                forward(x.Value.Span.Slice(start, length), y.Value.Span.Slice(start, length));
                return;
            }
            backward!(x.Value.Span.Slice(start, length), y.Value.Span.Slice(start, length), y.Grad!.Span.Slice(start, length),
                x.Grad!.Span.Slice(start, length), accumulate);
        }
    }

    /// <summary>Computes <c>y = f(a, b)</c> element by element for equal shapes.</summary>
    internal delegate void SpanZip<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y);

    /// <summary>
    /// Adds <c>gradY * dy/da</c> into <c>gradA</c> and <c>gradY * dy/db</c> into <c>gradB</c> for equal shapes; an empty
    /// gradient span means that operand needs none.
    /// </summary>
    internal delegate void SpanZipGradient<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> y, ReadOnlySpan<T> gradY, Span<T> gradA, Span<T> gradB);

    /// <summary>The partial derivatives <c>(dy/da, dy/db)</c> of one element, given the operands and the result.</summary>
    internal delegate (T DyDa, T DyDb) ScalarPartials<T>(T a, T b, T y);

    /// <summary>
    /// The shared body of the broadcasting binary ops. Equal shapes, and an operand repeated as a contiguous tile
    /// ([N, C] with [C]), run the op's vectorised span forms tile by tile; other broadcasts run its scalar forms through
    /// <see cref="Broadcast"/>. Either way each operand's gradient is summed over the dimensions it was repeated along.
    /// </summary>
    private static Variable<T> Zip<T>(string op, Variable<T> a, Variable<T> b, SpanZip<T> forward, SpanZipGradient<T> backward,
        Func<T, T, T> scalarForward, ScalarPartials<T> scalarPartials) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(op, a, b);
        int tile = Broadcast.TileLength(a.Shape, b.Shape, out bool aIsTile);
        var plan = tile > 0 ? null : Broadcast.Of(op, a.Shape, b.Shape);
        var y = tape.Result(tape.Rent(plan?.Output ?? (aIsTile ? b.Shape : a.Shape)), a.RequiresGrad || b.RequiresGrad);
        if (plan is null)
        {
            for (int start = 0; start < y.Shape.Length; start += tile)
                forward(TileOf(a.Value.Span, !aIsTile, start, tile), TileOf(b.Value.Span, aIsTile, start, tile), y.Value.Span.Slice(start, tile));
        }
        else
        {
            var av = a.Value.Span; var bv = b.Value.Span; var yv = y.Value.Span;
            for (int i = 0; i < yv.Length; i++)
            {
                plan.Offsets(i, out int ia, out int ib);
                yv[i] = scalarForward(av[ia], bv[ib]);
            }
        }
        if (!y.RequiresGrad) return y;
        tape.Record(y, () =>
        {
            var ga = a.RequiresGrad ? a.GradAccumulator() : default;
            var gb = b.RequiresGrad ? b.GradAccumulator() : default;
            var av = a.Value.Span; var bv = b.Value.Span; var yv = y.Value.Span; var g = y.Grad!.Span;
            if (plan is null)
            {
                for (int start = 0; start < g.Length; start += tile)
                    backward(TileOf(av, !aIsTile, start, tile), TileOf(bv, aIsTile, start, tile), yv.Slice(start, tile), g.Slice(start, tile),
                        TileOf(ga, !aIsTile, start, tile), TileOf(gb, aIsTile, start, tile));
                return;
            }
            for (int i = 0; i < g.Length; i++)
            {
                plan.Offsets(i, out int ia, out int ib);
                var (dyDa, dyDb) = scalarPartials(av[ia], bv[ib], yv[i]);
                if (!ga.IsEmpty) ga[ia] += g[i] * dyDa;
                if (!gb.IsEmpty) gb[ib] += g[i] * dyDb;
            }
        });
        return y;
    }

    /// <summary>The tile of a full-size operand starting at <paramref name="start"/>, or all of a repeated (or absent) one.</summary>
    private static ReadOnlySpan<T> TileOf<T>(ReadOnlySpan<T> span, bool fullSize, int start, int tile) =>
        fullSize && !span.IsEmpty ? span.Slice(start, tile) : span;

    /// <inheritdoc cref="TileOf{T}(ReadOnlySpan{T}, bool, int, int)"/>
    private static Span<T> TileOf<T>(Span<T> span, bool fullSize, int start, int tile) =>
        fullSize && !span.IsEmpty ? span.Slice(start, tile) : span;

    /// <summary>The tape shared by an op's inputs, after checking each is given and live on it.</summary>
    /// <exception cref="ArgumentNullException">An input is null.</exception>
    private static Tape<T> TapeOf<T>(string op, Variable<T> first, params ReadOnlySpan<Variable<T>> others)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(first);
        var tape = first.Tape;
        first.EnsureUsableOn(tape, op);
        foreach (var other in others)
        {
            if (other is null) throw new ArgumentNullException(nameof(others), $"{op}: an input is null.");
            other.EnsureUsableOn(tape, op);
        }
        return tape;
    }

    /// <summary>Like the other TapeOf overload, for ops with an optional bias.</summary>
    private static Tape<T> TapeOf<T>(string op, Variable<T> x, Variable<T> weight, Variable<T>? bias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(op, x, weight);
        bias?.EnsureUsableOn(tape, op);
        return tape;
    }
}
