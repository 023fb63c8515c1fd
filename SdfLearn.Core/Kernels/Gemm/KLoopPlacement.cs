namespace SdfLearn.Core.Kernels;

/// <summary>
/// Where the microkernel's k loop lies in compiled x64 code. Zen 3 decodes into its op cache by 64-byte windows,
/// and the 118-byte AVX2 float loop runs 8-10 % slower spanning three windows than two (docs/benchmarks.md,
/// Session 13). The JIT pads only loops of up to 96 bytes and starts methods 32 bytes apart, so the loop's place
/// follows from what was compiled before it; this reads it back from the code.
/// </summary>
internal static unsafe class KLoopPlacement
{
    /// <summary>Bytes of the code cache's decode windows.</summary>
    public const int WindowBytes = 64;

    /// <summary>
    /// Bytes searched from a method's start for its k loop: the AVX2 loop ends near byte 256 of a 706-byte method,
    /// and the search stops at the first match, so it does not read past the method when the code is as expected.
    /// </summary>
    public const int SearchBytes = 512;

    /// <summary>
    /// The first loop in <paramref name="code"/> (a conditional jump back) whose body holds exactly
    /// <paramref name="fmas"/> VEX or EVEX <c>vfmadd231</c> instructions: its offset and length in bytes, the jump
    /// included; null when there is none, e.g. for lanes that multiply and add without fusing.
    /// </summary>
    public static (int Start, int Length)? FindLoop(ReadOnlySpan<byte> code, int fmas)
    {
        for (int i = 0; i + 1 < code.Length; i++)
        {
            int end, displacement;
            if (code[i] is >= 0x70 and <= 0x7F)
            {
                end = i + 2;
                displacement = (sbyte)code[i + 1];
            }
            else if (code[i] == 0x0F && code[i + 1] is >= 0x80 and <= 0x8F && i + 6 <= code.Length)
            {
                end = i + 6;
                displacement = BitConverter.ToInt32(code.Slice(i + 2, 4));
            }
            else continue;
            int start = end + displacement;
            if (displacement < 0 && start >= 0 && CountFmas(code[start..i]) == fmas) return (start, end - start);
        }
        return null;
    }

    /// <summary>64-byte windows that <paramref name="length"/> bytes of code from <paramref name="address"/> touch.</summary>
    public static int Windows(long address, int length) => (int)((address % WindowBytes + length + WindowBytes - 1) / WindowBytes);

    /// <summary>
    /// The code a function pointer leads to: the runtime hands out the address of a stub, <c>jmp [rip+disp32]</c>,
    /// whose slot holds the compiled code once the method has run. Anything else is taken to be the code itself.
    /// </summary>
    public static byte* FollowJumpStubs(byte* entry)
    {
        for (int hops = 0; hops < 4 && entry[0] == 0xFF && entry[1] == 0x25; hops++)
            entry = *(byte**)(entry + 6 + *(int*)(entry + 2));
        return entry;
    }

    /// <summary>vfmadd231ps/pd (opcode 0xB8 in map 0F38) with a 3-byte VEX or an EVEX prefix.</summary>
    private static int CountFmas(ReadOnlySpan<byte> code)
    {
        int count = 0;
        for (int j = 0; j + 3 < code.Length; j++)
        {
            bool vex = code[j] == 0xC4 && (code[j + 1] & 0x1F) == 0x02 && code[j + 3] == 0xB8;
            bool evex = j + 4 < code.Length && code[j] == 0x62 && (code[j + 1] & 0x07) == 0x02 && code[j + 4] == 0xB8;
            if (vex || evex) count++;
        }
        return count;
    }
}
