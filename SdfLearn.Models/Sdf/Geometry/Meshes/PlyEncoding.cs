namespace SdfLearn.Sdf.Geometry;

/// <summary>How a PLY file stores its elements after the header.</summary>
public enum PlyEncoding
{
    /// <summary><c>format ascii 1.0</c>: one element per text line.</summary>
    Ascii,

    /// <summary><c>format binary_little_endian 1.0</c>: the compact form, and the one written by default.</summary>
    BinaryLittleEndian,

    /// <summary><c>format binary_big_endian 1.0</c>.</summary>
    BinaryBigEndian,
}
