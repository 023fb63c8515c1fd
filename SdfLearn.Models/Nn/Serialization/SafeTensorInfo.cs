using SdfLearn.Core;

namespace SdfLearn.Nn.Serialization;

/// <summary>
/// One tensor's entry in a safetensors header: its element type, shape and byte range
/// (<c>data_offsets</c>, relative to the start of the data buffer that follows the header).
/// </summary>
/// <param name="Name">The tensor's name, e.g. <c>encoder.layers.0.weight</c>.</param>
/// <param name="DType">The stored element type.</param>
/// <param name="Shape">The dimensions (rank 0 for a scalar).</param>
/// <param name="Begin">First byte of the tensor in the data buffer.</param>
/// <param name="End">One past the last byte of the tensor in the data buffer.</param>
public sealed record SafeTensorInfo(string Name, SafeTensorsDType DType, Shape Shape, long Begin, long End)
{
    /// <summary>Bytes per element of <see cref="DType"/>.</summary>
    public int ElementSize => SafeTensorsFormat.ElementSize(DType);
}
