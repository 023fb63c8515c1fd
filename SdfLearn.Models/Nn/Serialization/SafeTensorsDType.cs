namespace SdfLearn.Nn.Serialization;

/// <summary>The element types SdfLearn reads and writes in safetensors files (the format's <c>"dtype"</c> strings).</summary>
public enum SafeTensorsDType
{
    /// <summary>IEEE 754 single precision, <c>"F32"</c>, 4 bytes little-endian.</summary>
    F32,

    /// <summary>IEEE 754 double precision, <c>"F64"</c>, 8 bytes little-endian.</summary>
    F64,
}
