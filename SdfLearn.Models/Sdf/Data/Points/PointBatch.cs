using SdfLearn.Core;

namespace SdfLearn.Sdf.Data;

/// <summary>
/// One batch from <see cref="PointSampleLoader"/>. The loader refills the same instance for every batch (no per-batch
/// allocation): copy what must outlive the next batch.
/// </summary>
public sealed class PointBatch
{
    internal PointBatch(int batchSize, int points, int dimensions, bool normals)
    {
        Coordinates = new Tensor<float>(new Shape(batchSize, points, dimensions));
        Values = new Tensor<float>(new Shape(batchSize, points, 1));
        Normals = normals ? new Tensor<float>(new Shape(batchSize, points, dimensions)) : null;
        Indices = new int[batchSize];
    }

    /// <summary>Point coordinates, [B, K, d].</summary>
    public Tensor<float> Coordinates { get; }

    /// <summary>Signed distances, [B, K, 1] (the shape a decoder outputs).</summary>
    public Tensor<float> Values { get; }

    /// <summary>Normals, [B, K, d], or null when the data has none.</summary>
    public Tensor<float>? Normals { get; }

    /// <summary>The dataset index of each shape (for per-shape codes of an auto-decoder).</summary>
    public int[] Indices { get; }
}
