using System.Numerics;

namespace SdfLearn.Core;

/// <summary>
/// A contiguous, row-major, dense tensor of <typeparamref name="T"/> (float for training, double for gradient checks).
/// Reshapes are views that share the buffer; everything else copies.
/// </summary>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _data;

    /// <summary>Creates a zero-filled tensor of the given shape.</summary>
    public Tensor(Shape shape)
    {
        Shape = shape;
        _data = new T[shape.Length];
    }

    /// <summary>Wraps <paramref name="data"/> (no copy) as a tensor of the given shape.</summary>
    /// <exception cref="ArgumentException">The array's length differs from the shape's element count.</exception>
    public Tensor(T[] data, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != shape.Length)
            throw new ArgumentException($"Data has {data.Length} elements but shape {shape} needs {shape.Length}.", nameof(data));
        Shape = shape;
        _data = data;
    }

    /// <summary>The dimensions.</summary>
    public Shape Shape { get; }

    /// <summary>Number of elements.</summary>
    public int Length => _data.Length;

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Rank;

    /// <summary>The elements, row-major.</summary>
    public Span<T> Span => _data;

    /// <summary>The elements as memory, for APIs that need to hold on to them.</summary>
    public Memory<T> Memory => _data;

    /// <summary>A zero-filled tensor.</summary>
    public static Tensor<T> Zeros(params ReadOnlySpan<int> dims) => new(new Shape(dims));

    /// <summary>A tensor with every element equal to <paramref name="value"/>.</summary>
    public static Tensor<T> Full(T value, params ReadOnlySpan<int> dims)
    {
        var t = new Tensor<T>(new Shape(dims));
        t.Span.Fill(value);
        return t;
    }

    /// <summary>A scalar (rank 0) tensor.</summary>
    public static Tensor<T> Scalar(T value) => new([value], new Shape());

    /// <summary>A tensor holding a copy of <paramref name="values"/> with the given shape.</summary>
    /// <exception cref="ArgumentException">The element counts differ.</exception>
    public static Tensor<T> FromValues(ReadOnlySpan<T> values, params ReadOnlySpan<int> dims)
    {
        var shape = new Shape(dims);
        if (values.Length != shape.Length)
            throw new ArgumentException($"{values.Length} values cannot fill shape {shape} ({shape.Length} elements).", nameof(values));
        return new Tensor<T>(values.ToArray(), shape);
    }

    /// <summary>A view of the same elements with another shape; one dimension may be -1 (inferred).</summary>
    /// <exception cref="ArgumentException">The element counts differ.</exception>
    public Tensor<T> Reshape(params ReadOnlySpan<int> dims) => new(_data, Shape.Reshape(dims));

    /// <summary>A deep copy.</summary>
    public Tensor<T> Clone() => new((T[])_data.Clone(), Shape);

    /// <summary>Copies the elements of <paramref name="source"/>, which must have the same shape.</summary>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    public void CopyFrom(Tensor<T> source)
    {
        ShapeMismatchException.ThrowIfDifferent(nameof(CopyFrom), Shape, source.Shape);
        source.Span.CopyTo(Span);
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public void Fill(T value) => Span.Fill(value);

    /// <summary>Sets every element to zero.</summary>
    public void Clear() => Span.Clear();

    /// <summary>The single element of a one-element tensor (e.g. a loss).</summary>
    /// <exception cref="InvalidOperationException">The tensor has more than one element.</exception>
    public T Item() => Length == 1
        ? _data[0]
        : throw new InvalidOperationException($"Item() needs a one-element tensor; this one has shape {Shape}.");

    /// <summary>Element at a full multi-dimensional index.</summary>
    /// <exception cref="ArgumentException">The index has the wrong rank.</exception>
    /// <exception cref="IndexOutOfRangeException">A coordinate is outside its dimension.</exception>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public T this[params ReadOnlySpan<int> index]
    {
        get => _data[Offset(index)];
        set => _data[Offset(index)] = value;
    }

    /// <summary>The row-major offset of a multi-dimensional index, bounds-checked.</summary>
    public int Offset(ReadOnlySpan<int> index)
    {
        if (index.Length != Rank)
            throw new ArgumentException($"Index of rank {index.Length} used on a tensor of shape {Shape}.", nameof(index));
        int offset = 0;
        var dims = Shape.Dims;
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)dims[i])
                throw new IndexOutOfRangeException($"Index {Shape.Format(index)} is outside shape {Shape} (axis {i}).");
            offset = offset * dims[i] + index[i];
        }
        return offset;
    }

    /// <summary>A copy of the elements as an array.</summary>
    public T[] ToArray() => (T[])_data.Clone();

    /// <summary>A copy converted to another element type (e.g. float to double for gradient checks).</summary>
    public Tensor<TOther> Cast<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther>
    {
        var result = new Tensor<TOther>(Shape);
        var dst = result.Span;
        for (int i = 0; i < _data.Length; i++) dst[i] = TOther.CreateTruncating(_data[i]);
        return result;
    }

    /// <summary>Describes the tensor, e.g. <c>Tensor&lt;Single&gt;[2, 3]</c>.</summary>
    public override string ToString() => $"Tensor<{typeof(T).Name}>{Shape}";
}
