using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SdfLearn.Nn.Serialization;

/// <summary>Constants and small conversions of the safetensors format shared by the reader and the writer.</summary>
internal static class SafeTensorsFormat
{
    /// <summary>The header-length prefix: one little-endian unsigned 64-bit integer.</summary>
    public const int PrefixSize = 8;

    /// <summary>Largest header accepted, as the reference implementation (100 MB).</summary>
    public const long MaxHeaderSize = 100_000_000;

    /// <summary>The reserved header key holding string-to-string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    public static int ElementSize(SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.F32 => sizeof(float),
        SafeTensorsDType.F64 => sizeof(double),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    public static string Name(SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.F32 => "F32",
        SafeTensorsDType.F64 => "F64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    public static bool TryParse(string? name, out SafeTensorsDType dtype)
    {
        switch (name)
        {
            case "F32": dtype = SafeTensorsDType.F32; return true;
            case "F64": dtype = SafeTensorsDType.F64; return true;
            default: dtype = default; return false;
        }
    }

    /// <summary>The safetensors dtype that stores <typeparamref name="T"/> exactly.</summary>
    public static SafeTensorsDType DTypeOf<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return SafeTensorsDType.F32;
        if (typeof(T) == typeof(double)) return SafeTensorsDType.F64;
        throw new NotSupportedException($"Safetensors storage supports float and double tensors, not {typeof(T).Name}.");
    }

    /// <summary>Copies elements into <paramref name="destination"/> as little-endian bytes, whatever the machine's byte order.</summary>
    public static void CopyToLittleEndian<T>(ReadOnlySpan<T> source, Span<byte> destination) where T : unmanaged
    {
        MemoryMarshal.AsBytes(source).CopyTo(destination);
        if (!BitConverter.IsLittleEndian) ReverseElementBytes<T>(destination[..(source.Length * Unsafe.SizeOf<T>())]);
    }

    /// <summary>Copies little-endian bytes into elements, whatever the machine's byte order.</summary>
    public static void CopyFromLittleEndian<T>(ReadOnlySpan<byte> source, Span<T> destination) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(destination);
        source.CopyTo(bytes);
        if (!BitConverter.IsLittleEndian) ReverseElementBytes<T>(bytes);
    }

    private static void ReverseElementBytes<T>(Span<byte> bytes) where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() == sizeof(uint))
        {
            var words = MemoryMarshal.Cast<byte, uint>(bytes);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
        else
        {
            var words = MemoryMarshal.Cast<byte, ulong>(bytes);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }
}
