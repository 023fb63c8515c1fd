using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

/// <summary>
/// A value together with its derivatives along d input directions (forward-mode tangents), both recorded on the tape
/// as ordinary variables, so that a loss built from the derivatives — an eikonal or normal term on <c>∇ₓf</c> — is
/// differentiated by <see cref="Tape{T}.Backward"/> like any other. Build it with <see cref="Dual.Seed{T}"/> and the
/// propagation rules of <see cref="Dual"/>.
/// </summary>
public sealed class Dual<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Pairs a value [...] with its tangents [d, ...] (the derivative of the value along each of d directions).</summary>
    /// <exception cref="ShapeMismatchException">The tangent is not [d, value shape] or the two live on different tapes.</exception>
    public Dual(Variable<T> value, Variable<T> tangent)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(tangent);
        if (!ReferenceEquals(value.Tape, tangent.Tape))
            throw new ShapeMismatchException("Dual: the value and its tangent must be recorded on the same tape.");
        if (tangent.Shape.Rank != value.Shape.Rank + 1 || !tangent.Shape.Dims[1..].SequenceEqual(value.Shape.Dims))
            throw new ShapeMismatchException($"Dual: tangent {tangent.Shape} is not [d, {string.Join(", ", value.Shape.Dims.ToArray())}] for value {value.Shape}.");
        Value = value;
        Tangent = tangent;
    }

    /// <summary>The value.</summary>
    public Variable<T> Value { get; }

    /// <summary>The derivatives of the value along each direction, [d, value shape] (direction-major).</summary>
    public Variable<T> Tangent { get; }

    /// <summary>The number d of directions.</summary>
    public int Directions => Tangent.Shape[0];

    /// <summary>The tape both variables are recorded on.</summary>
    public Tape<T> Tape => Value.Tape;
}

/// <summary>
/// Forward-mode propagation of <see cref="Dual{T}"/> values through the layers SDF networks are made of. Each rule
/// records ordinary ops: a linear map applies the weight (no bias) to the tangents, an activation multiplies them by
/// its derivative, itself a differentiable op (<see cref="Ops.TanhDerivative{T}"/>, <see cref="Ops.GeluDerivative{T}"/>,
/// ...). So the input gradient of a network costs about 1 + d forward passes and its own gradient comes from the usual
/// backward, with the activations' second derivatives in the derivative ops' backward.
/// </summary>
public static class Dual
{
    /// <summary>
    /// Starts forward mode at the input <paramref name="x"/> [N, w]: the tangents are the unit directions of columns
    /// <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> − 1 (e.g. the coordinates after a
    /// latent code), so the tangents of an output are its derivatives with respect to those columns.
    /// </summary>
    /// <exception cref="ShapeMismatchException">x is not [N, w].</exception>
    /// <exception cref="ArgumentOutOfRangeException">The columns are not within [0, w) or <paramref name="count"/> is not positive.</exception>
    public static Dual<T> Seed<T>(Variable<T> x, int start, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Rank != 2) throw new ShapeMismatchException($"Dual.Seed: expected inputs [N, w], got {x.Shape}.");
        int rows = x.Shape[0], width = x.Shape[1];
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (start < 0 || start + count > width)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"Dual.Seed: columns {start} .. {start + count - 1} are outside the width {width}.");
        var tangent = x.Tape.RentZeroed(new Shape(count, rows, width));
        var span = tangent.Span;
        for (int j = 0; j < count; j++)
            for (int r = 0; r < rows; r++) span[(j * rows + r) * width + start + j] = T.One;
        return new Dual<T>(x, x.Tape.Constant(tangent));
    }

    /// <summary><c>y = x W^T + b</c> (see <see cref="Ops.Linear{T}"/>); tangents <c>t W^T</c>.</summary>
    public static Dual<T> Linear<T>(Dual<T> x, Variable<T> weight, Variable<T>? bias = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return new Dual<T>(Ops.Linear(x.Value, weight, bias), Ops.Linear(x.Tangent, weight));
    }

    /// <summary>
    /// The chain rule for an element-wise function: <paramref name="value"/> = f(x.Value) and
    /// <paramref name="derivative"/> = f'(x.Value), both recorded; tangents <c>t * f'(x)</c> (broadcast over directions).
    /// </summary>
    public static Dual<T> Elementwise<T>(Dual<T> x, Variable<T> value, Variable<T> derivative) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return new Dual<T>(value, Ops.Mul(x.Tangent, derivative));
    }

    /// <summary>ReLU; tangents pass where x &gt; 0 (<see cref="Ops.ReluDerivative{T}"/>).</summary>
    public static Dual<T> Relu<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(x, Ops.Relu(x.Value), Ops.ReluDerivative(x.Value));

    /// <summary>tanh; tangents times <c>1 - tanh^2</c> (<see cref="Ops.TanhDerivative{T}"/>).</summary>
    public static Dual<T> Tanh<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(x, Ops.Tanh(x.Value), Ops.TanhDerivative(x.Value));

    /// <summary>GELU in the given form; tangents times its derivative (<see cref="Ops.GeluDerivative{T}"/>).</summary>
    public static Dual<T> Gelu<T>(Dual<T> x, GeluApproximation approximation = GeluApproximation.Tanh) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise(x, Ops.Gelu(x.Value, approximation), Ops.GeluDerivative(x.Value, approximation));

    /// <summary>
    /// Softplus with sharpness β, <c>log(1 + exp(β x)) / β</c> (IGR uses β = 100); tangents times <c>sigmoid(β x)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">β is not positive.</exception>
    public static Dual<T> Softplus<T>(Dual<T> x, T beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(beta > T.Zero)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "Softplus: beta must be positive.");
        var scaled = Ops.Scale(x.Value, beta);
        return Elementwise(x, Ops.Scale(Ops.Softplus(scaled), T.One / beta), Ops.Sigmoid(scaled));
    }

    /// <summary>Joins duals along the feature (last) axis, e.g. DeepSDF's skip connection; the tangents join alike.</summary>
    /// <exception cref="ArgumentException">No inputs were given.</exception>
    public static Dual<T> Concat<T>(params Dual<T>[] xs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(xs);
        if (xs.Length == 0) throw new ArgumentException("Dual.Concat needs at least one input.", nameof(xs));
        return new Dual<T>(Ops.Concat(-1, [.. xs.Select(x => x.Value)]), Ops.Concat(-1, [.. xs.Select(x => x.Tangent)]));
    }

    /// <summary>
    /// The gradient of a scalar-per-row output <paramref name="y"/> [N, 1] with respect to the seeded inputs, as [N, d]
    /// (row n is <c>∇ₓf</c> at point n), recorded so that a loss on it can be backpropagated.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The value is not [N, 1].</exception>
    public static Variable<T> Gradient<T>(Dual<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Value.Shape.Rank != 2 || y.Value.Shape[1] != 1)
            throw new ShapeMismatchException($"Dual.Gradient: expected one output per row [N, 1], got {y.Value.Shape}.");
        return Ops.Transpose(Ops.Reshape(y.Tangent, y.Directions, y.Value.Shape[0]));
    }
}
