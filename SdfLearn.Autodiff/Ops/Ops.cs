using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

/// <summary>
/// The differentiable operations. Each lives in its own file with its forward pass and, right beside it, the
/// hand-written backward pass that the tape runs in reverse. Results are buffers rented from the inputs' tape.
/// </summary>
public static partial class Ops
{
    /// <summary>The dimensions of a one-element, rank-0 result (losses, full reductions): none.</summary>
    private static ReadOnlySpan<int> ScalarDims => [];

    /// <summary>Computes <c>y = f(x)</c> element by element, given the op's constant arguments (e.g. a clamp's bounds).</summary>
    internal delegate void SpanMap<T>(ReadOnlySpan<T> x, Span<T> y, T first, T second);

    /// <summary>
    /// Writes (or, when accumulating, adds) <c>f'(x) * gradY</c> into <c>gradX</c>, given the input, the forward output and
    /// the op's constant arguments.
    /// </summary>
    internal delegate void SpanGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> gradY, Span<T> gradX, bool accumulate,
        T first, T second);

    /// <summary>
    /// The shared body of every element-wise unary op: rent, map, and record the gradient if needed. The maps are static
    /// lambdas given the op's constants (<paramref name="first"/>, <paramref name="second"/>), so no closure is allocated.
    /// </summary>
    private static Variable<T> Elementwise<T>(string op, Variable<T> x, SpanMap<T> forward, SpanGradient<T> backward,
        T first = default, T second = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(op, x);
        var y = tape.Result(tape.Rent(x.Shape), x.RequiresGrad);
        var forwardBlocks = new ElementwiseBlocks<T>(x, y, forward, null, false, first, second);
        ComputeThreads.For(BlockCount(x.Shape.Length), ref forwardBlocks);
        if (y.RequiresGrad)
            tape.Record(y, static y =>
            {
                var x = y.Op.A!;
                x.GradForFullWrite(out bool accumulate); // rent the buffer once, before the threads share it
                var backwardBlocks = new ElementwiseBlocks<T>(x, y, null, (SpanGradient<T>)y.Op.Saved!, accumulate, y.Op.Scalar, y.Op.Scalar2);
                ComputeThreads.For(BlockCount(x.Shape.Length), ref backwardBlocks);
            }, a: x, saved: backward, scalar: first, scalar2: second);
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
    private readonly struct ElementwiseBlocks<T>(Variable<T> x, Variable<T> y, SpanMap<T>? forward, SpanGradient<T>? backward, bool accumulate,
        T first, T second) : IChunkBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int block)
        {
            int start = block * ParallelBlockLength, length = Math.Min(ParallelBlockLength, x.Shape.Length - start);
            if (forward is not null)
            {
                forward(x.Value.Span.Slice(start, length), y.Value.Span.Slice(start, length), first, second);
                return;
            }
            backward!(x.Value.Span.Slice(start, length), y.Value.Span.Slice(start, length), y.Grad!.Span.Slice(start, length),
                x.Grad!.Span.Slice(start, length), accumulate, first, second);
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
        if (y.RequiresGrad) tape.Record(y, ZipBackward, a: a, b: b, saved: backward, saved2: scalarPartials);
        return y;
    }

    /// <summary>
    /// <see cref="Zip{T}"/>'s backward: the op's span gradient tile by tile, or its scalar partials through the broadcast
    /// plan (worked out again from the shapes, as in the forward pass).
    /// </summary>
    private static void ZipBackward<T>(Variable<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (a, b) = (y.Op.A!, y.Op.B!);
        var ga = a.RequiresGrad ? a.GradAccumulator() : default;
        var gb = b.RequiresGrad ? b.GradAccumulator() : default;
        var av = a.Value.Span; var bv = b.Value.Span; var yv = y.Value.Span; var g = y.Grad!.Span;
        int tile = Broadcast.TileLength(a.Shape, b.Shape, out bool aIsTile);
        if (tile > 0)
        {
            var backward = (SpanZipGradient<T>)y.Op.Saved!;
            for (int start = 0; start < g.Length; start += tile)
                backward(TileOf(av, !aIsTile, start, tile), TileOf(bv, aIsTile, start, tile), yv.Slice(start, tile), g.Slice(start, tile),
                    TileOf(ga, !aIsTile, start, tile), TileOf(gb, aIsTile, start, tile));
            return;
        }
        var plan = Broadcast.Of("Zip", a.Shape, b.Shape);
        var scalarPartials = (ScalarPartials<T>)y.Op.Saved2!;
        for (int i = 0; i < g.Length; i++)
        {
            plan.Offsets(i, out int ia, out int ib);
            var (dyDa, dyDb) = scalarPartials(av[ia], bv[ib], yv[i]);
            if (!ga.IsEmpty) ga[ia] += g[i] * dyDa;
            if (!gb.IsEmpty) gb[ib] += g[i] * dyDb;
        }
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
