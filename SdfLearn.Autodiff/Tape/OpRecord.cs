using System.Numerics;

namespace SdfLearn.Autodiff;

/// <summary>
/// What an op records for its backward pass, stored in its output variable (<see cref="Variable{T}.Op"/>): the backward
/// step, a static lambda that reads everything else from here, and the op's inputs and arguments. Because the tape
/// recycles variables by recording position, a steady-state step records its graph without allocating.
/// </summary>
internal struct OpRecord<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Sends the output's gradient (<c>output.Grad</c>) back to the inputs; given the output variable.</summary>
    public Action<Variable<T>> Backward;

    /// <summary>The op's variable inputs, in the order the op documents (unused ones are null; D and E only for ops with more than three).</summary>
    public Variable<T>? A, B, C, D, E;

    /// <summary>Anything else the backward reads: a kernel delegate, a kept buffer, a list of indices or inputs.</summary>
    public object? Saved, Saved2;

    /// <summary>Integer arguments of the op (an axis, a stride, a count).</summary>
    public int I, J, K;

    /// <summary>Constant arguments of the op (a scale, a slope, a clamp's bounds).</summary>
    public T Scalar, Scalar2;
}
