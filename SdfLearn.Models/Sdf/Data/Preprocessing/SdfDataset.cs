using SdfLearn.Core;

namespace SdfLearn.Sdf.Data;

/// <summary>Signed distance fields of many digits with their labels: the MNISTSDF data a model trains on.</summary>
public sealed class SdfDataset
{
    /// <summary>Wraps <paramref name="fields"/> (N x S x S values, no copy) and <paramref name="labels"/> (N).</summary>
    /// <exception cref="ArgumentException">The lengths do not agree.</exception>
    public SdfDataset(float[] fields, byte[] labels, int resolution)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resolution);
        if (fields.LongLength != (long)labels.Length * resolution * resolution)
            throw new ArgumentException(
                $"{fields.Length} field values do not make {labels.Length} fields of {resolution}x{resolution}.", nameof(fields));
        Fields = new Tensor<float>(fields, new Shape(labels.Length, 1, resolution, resolution));
        Labels = labels;
        Resolution = resolution;
    }

    /// <summary>All fields as a tensor of shape [N, 1, S, S].</summary>
    public Tensor<float> Fields { get; }

    /// <summary>The digit (0..9) of every field.</summary>
    public byte[] Labels { get; }

    /// <summary>Number of digits N.</summary>
    public int Count => Labels.Length;

    /// <summary>Side S of every field.</summary>
    public int Resolution { get; }

    /// <summary>The S x S values of field <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Count).</exception>
    public ReadOnlySpan<float> Field(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The dataset has {Count} fields.");
        int size = Resolution * Resolution;
        return Fields.Span.Slice(index * size, size);
    }

    /// <summary>A copy of fields [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside [0, Count).</exception>
    public SdfDataset Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Fields [{start}, {start + count}) are not inside [0, {Count}).");
        int size = Resolution * Resolution;
        return new SdfDataset(Fields.Span.Slice(start * size, count * size).ToArray(), Labels.AsSpan(start, count).ToArray(), Resolution);
    }
}
