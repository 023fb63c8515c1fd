namespace SdfLearn.Sdf.Geometry;

/// <summary>An accessor's checked data: <see cref="Count"/> elements <see cref="Stride"/> bytes apart from the start of <see cref="Bytes"/>.</summary>
/// <param name="Bytes">From the first element to the end of its bufferView.</param>
/// <param name="Count">Elements.</param>
/// <param name="Stride">Bytes from one element to the next.</param>
/// <param name="ComponentType">The glTF componentType code.</param>
/// <param name="Path">The accessor's JSON path, for error messages.</param>
internal readonly record struct GltfData(ReadOnlyMemory<byte> Bytes, int Count, int Stride, int ComponentType, string Path);
