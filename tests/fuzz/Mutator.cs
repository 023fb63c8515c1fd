using System.Buffers.Binary;

namespace SdfLearn.Fuzz;

/// <summary>
/// Seeded byte-level mutations of a valid input: bit flips, interesting bytes and integers (both byte orders, aimed
/// at the first bytes where headers live more often than elsewhere), truncation, appended, deleted and duplicated
/// ranges, a damaged tail (where gzip keeps its trailer) and insertions of format-specific tokens.
/// </summary>
public sealed class Mutator
{
    private static readonly int[] InterestingInts =
        [0, 1, -1, 2, 255, 256, 0x7FFF, 0x10000, 1 << 20, 1 << 24, 0x7FFFFFF0, int.MaxValue, int.MinValue];
    private static readonly long[] InterestingLongs = [0, 1, 2, 8, 1 << 20, 100_000_000, int.MaxValue, long.MaxValue, -1];
    private static readonly byte[] InterestingBytes = [0, 1, 0x7F, 0x80, 0xFF, (byte)'"', (byte)'\\', (byte)'{', (byte)'}'];

    private readonly byte[][] _tokens;

    /// <summary>A mutator that may also insert or overwrite with <paramref name="tokens"/> (e.g. JSON fragments).</summary>
    public Mutator(params string[] tokens) => _tokens = tokens.Select(t => System.Text.Encoding.UTF8.GetBytes(t)).ToArray();

    /// <summary>A mutated copy of <paramref name="input"/>: one to three mutations drawn from <paramref name="random"/>.</summary>
    public byte[] Mutate(byte[] input, Random random)
    {
        var bytes = new List<byte>(input);
        int mutations = 1 + random.Next(3);
        for (int i = 0; i < mutations; i++) MutateOnce(bytes, random);
        return bytes.ToArray();
    }

    private void MutateOnce(List<byte> bytes, Random random)
    {
        int choice = random.Next(_tokens.Length > 0 ? 11 : 10);
        if (bytes.Count == 0) choice = 6;
        switch (choice)
        {
            case 0:
                int bit = random.Next(bytes.Count * 8);
                bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                break;
            case 1:
                bytes[Position(bytes.Count, random)] = InterestingBytes[random.Next(InterestingBytes.Length)];
                break;
            case 2:
                OverwriteInt32(bytes, random);
                break;
            case 3:
                OverwriteInt64(bytes, random);
                break;
            case 4:
                int keep = random.Next(bytes.Count);
                bytes.RemoveRange(keep, bytes.Count - keep);
                break;
            case 5:
                int at = random.Next(bytes.Count), count = Math.Min(bytes.Count - at, 1 + random.Next(64));
                bytes.RemoveRange(at, count);
                break;
            case 6:
                var tail = new byte[1 + random.Next(64)];
                if (random.Next(2) == 0) random.NextBytes(tail);
                bytes.AddRange(tail);
                break;
            case 7:
                int from = random.Next(bytes.Count), length = Math.Min(bytes.Count - from, 1 + random.Next(256));
                bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(from, length));
                break;
            case 8:
                int damaged = Math.Min(bytes.Count, 1 + random.Next(12));
                for (int i = bytes.Count - damaged; i < bytes.Count; i++) bytes[i] = (byte)random.Next(256);
                break;
            case 9:
                bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                break;
            default:
                var token = _tokens[random.Next(_tokens.Length)];
                int where = random.Next(bytes.Count + 1);
                if (random.Next(2) == 0) bytes.InsertRange(where, token);
                else for (int i = 0; i < token.Length && where + i < bytes.Count; i++) bytes[where + i] = token[i];
                break;
        }
    }

    /// <summary>Half the time within the first 32 bytes (headers), else anywhere.</summary>
    private static int Position(int count, Random random) => random.Next(2) == 0 ? random.Next(Math.Min(count, 32)) : random.Next(count);

    private static void OverwriteInt32(List<byte> bytes, Random random)
    {
        if (bytes.Count < 4) return;
        Span<byte> value = stackalloc byte[4];
        int number = random.Next(4) == 0 ? random.Next() : InterestingInts[random.Next(InterestingInts.Length)];
        if (random.Next(2) == 0) BinaryPrimitives.WriteInt32BigEndian(value, number);
        else BinaryPrimitives.WriteInt32LittleEndian(value, number);
        int at = Math.Min(Position(bytes.Count, random), bytes.Count - 4);
        for (int i = 0; i < 4; i++) bytes[at + i] = value[i];
    }

    private static void OverwriteInt64(List<byte> bytes, Random random)
    {
        if (bytes.Count < 8) return;
        Span<byte> value = stackalloc byte[8];
        long number = InterestingLongs[random.Next(InterestingLongs.Length)] + random.Next(-2, 3);
        BinaryPrimitives.WriteInt64LittleEndian(value, number);
        int at = random.Next(2) == 0 ? 0 : Math.Min(Position(bytes.Count, random), bytes.Count - 8);
        for (int i = 0; i < 8; i++) bytes[at + i] = value[i];
    }
}
