using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Autodiff;

public static partial class Ops
{
    /// <summary>
    /// ReLU's backward as a recorded op, for input gradients carried through a network (a layer's
    /// <see cref="Pullback{T}"/>): <c>y = gradient</c> where x &gt; 0, else 0, as <c>Mul(gradient, ReluDerivative(x))</c> in
    /// one pass, except that a masked element is always +0 (the product gives −0 for a negative gradient, NaN for an
    /// infinite one). <paramref name="x"/>
    /// may be ReLU's input or its output, which is positive at the same elements. Backward: <c>dGradient = g</c> where
    /// x &gt; 0, else 0; x gets no gradient (the step's derivative is zero wherever it exists).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    public static Variable<T> ReluBackward<T>(Variable<T> gradient, Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tape = TapeOf(nameof(ReluBackward), gradient, x);
        ShapeMismatchException.ThrowIfDifferent(nameof(ReluBackward), gradient.Shape, x.Shape, "x");
        var y = tape.Result(tape.Rent(x.Shape), gradient.RequiresGrad);
        var forward = new ReluBackwardBlocks<T>(x.Value, gradient.Value, y.Value, accumulate: false);
        ComputeThreads.For(BlockCount(x.Shape.Length), ref forward);
        if (y.RequiresGrad)
            tape.Record(y, static y =>
            {
                var gradient = y.Op.A!;
                gradient.GradForFullWrite(out bool accumulate); // rent the buffer once, before the threads share it
                var backward = new ReluBackwardBlocks<T>(y.Op.B!.Value, y.Grad!, gradient.Grad!, accumulate);
                ComputeThreads.For(BlockCount(gradient.Shape.Length), ref backward);
            }, a: gradient, b: x);
        return y;
    }

    /// <summary>One block of <see cref="ReluKernel.Backward{T}"/> (the mask of <c>x</c> applied to <c>g</c>), as element-wise ops split.</summary>
    private readonly struct ReluBackwardBlocks<T>(Tensor<T> x, Tensor<T> g, Tensor<T> target, bool accumulate) : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int block)
        {
            int start = block * ParallelBlockLength, length = Math.Min(ParallelBlockLength, x.Length - start);
            ReluKernel.Backward<T>(x.Span.Slice(start, length), g.Span.Slice(start, length), target.Span.Slice(start, length), accumulate);
        }
    }
}
