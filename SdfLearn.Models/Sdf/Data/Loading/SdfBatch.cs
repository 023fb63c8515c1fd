using SdfLearn.Core;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// One batch from <see cref="SdfDataLoader"/>. The loader refills the same instance for every batch (no
/// per-batch allocation): copy what must outlive the next batch.
/// </summary>
public sealed class SdfBatch
{
    internal SdfBatch(int batchSize, int resolution, int pointsPerShape)
    {
        Fields = new Tensor<float>(new Shape(batchSize, 1, resolution, resolution));
        Labels = new byte[batchSize];
        Indices = new int[batchSize];
        if (pointsPerShape > 0)
        {
            Points = new Tensor<float>(new Shape(batchSize, pointsPerShape, 2));
            Values = new Tensor<float>(new Shape(batchSize, pointsPerShape, 1));
        }
    }

    /// <summary>The fields, shape [B, 1, S, S].</summary>
    public Tensor<float> Fields { get; }

    /// <summary>The digit of each field.</summary>
    public byte[] Labels { get; }

    /// <summary>The dataset index of each field.</summary>
    public int[] Indices { get; }

    /// <summary>Query points per field as (row, column) coordinates, shape [B, P, 2]; null without query sampling.</summary>
    public Tensor<float>? Points { get; }

    /// <summary>The signed distance at each query point, shape [B, P, 1]; null without query sampling.</summary>
    public Tensor<float>? Values { get; }
}
