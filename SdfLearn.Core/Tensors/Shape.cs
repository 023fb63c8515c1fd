using System.Collections;

namespace SdfLearn.Core;

/// <summary>
/// The immutable dimensions of a row-major tensor, e.g. <c>[64, 1, 64, 64]</c> for an NCHW batch.
/// </summary>
public readonly struct Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    private readonly int[]? _dims;
    private readonly int _length;

    /// <summary>Creates a shape from its dimensions (copied); every dimension must be positive.</summary>
    /// <exception cref="ArgumentException">A dimension is zero or negative, or the element count overflows <see cref="int"/>.</exception>
    public Shape(params ReadOnlySpan<int> dims)
    {
        long length = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] <= 0)
                throw new ArgumentException($"Dimension {i} of shape {Format(dims)} is {dims[i]}; dimensions must be positive.", nameof(dims));
            length *= dims[i];
            if (length > Array.MaxLength)
                throw new ArgumentException($"Shape {Format(dims)} has more elements than an array can hold.", nameof(dims));
        }
        _dims = dims.ToArray();
        _length = (int)length;
    }

    /// <summary>Number of dimensions (0 for a scalar).</summary>
    public int Rank => _dims?.Length ?? 0;

    /// <summary>Total number of elements (1 for a scalar, including <c>default(Shape)</c> and <c>new Shape()</c>).</summary>
    public int Length => _dims is null ? 1 : _length;

    /// <summary>Dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int this[int axis] => _dims![NormalizeAxis(axis)];

    /// <summary>
    /// Dimension at <paramref name="axis"/> counted with C# index syntax, e.g. <c>shape[^1]</c> for the last one (without
    /// this, <c>^1</c> would count from <see cref="Length"/>, the element count).
    /// </summary>
    public int this[Index axis] => Dims[axis];

    /// <summary>The dimensions as a span (no copy).</summary>
    public ReadOnlySpan<int> Dims => _dims ?? [];

    int IReadOnlyCollection<int>.Count => Rank;

    /// <summary>Maps a possibly negative axis to <c>0..Rank-1</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside the shape.</exception>
    public int NormalizeAxis(int axis)
    {
        int normalized = axis < 0 ? axis + Rank : axis;
        if ((uint)normalized >= (uint)Rank)
            throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is outside shape {this} of rank {Rank}.");
        return normalized;
    }

    /// <summary>Product of the dimensions from <paramref name="startAxis"/> (inclusive) to <paramref name="endAxis"/> (exclusive).</summary>
    public int Product(int startAxis, int endAxis)
    {
        int p = 1;
        for (int i = startAxis; i < endAxis; i++) p *= _dims![i];
        return p;
    }

    /// <summary>
    /// Resolves a requested shape for a reshape of this many elements; one dimension may be -1 and is inferred.
    /// </summary>
    /// <exception cref="ArgumentException">The element counts differ, or more than one dimension is -1.</exception>
    public Shape Reshape(ReadOnlySpan<int> dims)
    {
        Span<int> resolved = dims.Length <= 16 ? stackalloc int[dims.Length] : new int[dims.Length];
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1)
            {
                if (inferred >= 0)
                    throw new ArgumentException($"Cannot reshape {this} to {Format(dims)}: only one dimension may be -1.", nameof(dims));
                inferred = i;
                continue;
            }
            resolved[i] = dims[i];
            known *= dims[i];
        }
        if (inferred >= 0)
        {
            if (known <= 0 || Length % known != 0)
                throw new ArgumentException($"Cannot reshape {this} ({Length} elements) to {Format(dims)}.", nameof(dims));
            resolved[inferred] = (int)(Length / known);
            known *= resolved[inferred];
        }
        if (known != Length)
            throw new ArgumentException($"Cannot reshape {this} ({Length} elements) to {Format(dims)} ({known} elements).", nameof(dims));
        return new Shape(resolved);
    }

    /// <inheritdoc/>
    public bool Equals(Shape other) => Dims.SequenceEqual(other.Dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int d in Dims) hash.Add(d);
        return hash.ToHashCode();
    }

    /// <summary>Shape equality.</summary>
    public static bool operator ==(Shape left, Shape right) => left.Equals(right);

    /// <summary>Shape inequality.</summary>
    public static bool operator !=(Shape left, Shape right) => !left.Equals(right);

    /// <summary>Formats as <c>[d0, d1, ...]</c>.</summary>
    public override string ToString() => Format(Dims);

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)(_dims ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Formats any dimension list the way shapes print.</summary>
    public static string Format(ReadOnlySpan<int> dims) => "[" + string.Join(", ", dims.ToArray()) + "]";

    /// <summary>Implicit conversion from an array of dimensions.</summary>
    public static implicit operator Shape(int[] dims) => new(dims);
}
