using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels;

public unsafe class KLoopPlacementTests
{
    /// <summary>The AVX2 float k loop as the JIT emitted it in session 13 (118 bytes), behind a small loop with no FMAs.</summary>
    private static readonly byte[] Avx2FloatCode = Convert.FromHexString(
        "FFC0413BC17CE1" + // inc eax; cmp eax, r9d; jl back 31 (the C prefetch loop: no FMAs)
        "33C03BC27D7A" +   // xor eax, eax; cmp eax, edx; jge forward
        "C57C1026C57C106E20C4627D1837C4C21DB8C6C4C215B8CEC4627D187704C4C21DB8D6C4C215B8DE" +
        "C4627D187708C4C21DB8E6C4C215B8EEC4627D18770CC4C21DB8F6C4C215B8FEC4627D187710C4421DB8C6" +
        "C44215B8CEC4627D187714C4421DB8D6C44215B8DE4883C7184883C640FFC03BC27C8A" +
        "4183F906");       // cmp r9d, 6 after the loop

    [Fact]
    public void FindLoop_Avx2FloatLoop_FoundWithItsLength()
    {
        Assert.Equal((13, 118), KLoopPlacement.FindLoop(Avx2FloatCode, 12));
    }

    [Fact]
    public void FindLoop_LongLoopClosedByNearJump_Found()
    {
        // The same body closed by jl rel32, as a loop of more than 128 bytes (AVX-512's) would be.
        byte[] body = Avx2FloatCode[13..129];
        byte[] code = [.. body, 0x0F, 0x8C, .. BitConverter.GetBytes(-(body.Length + 6))];
        Assert.Equal((0, body.Length + 6), KLoopPlacement.FindLoop(code, 12));
    }

    [Fact]
    public void FindLoop_WrongFmaCountOrNoLoop_ReturnsNull()
    {
        Assert.Null(KLoopPlacement.FindLoop(Avx2FloatCode, 6));
        Assert.Null(KLoopPlacement.FindLoop(Avx2FloatCode[13..129], 12));
    }

    [Theory]
    [InlineData(0x1000 + 9, 118, 2)]
    [InlineData(0x1000 + 10, 118, 2)]
    [InlineData(0x1000 + 11, 118, 3)]
    [InlineData(0x1000 + 32 + 9, 118, 3)]
    [InlineData(0x1000, 64, 1)]
    public void Windows_CountsTouchedWindows(long address, int length, int windows)
    {
        Assert.Equal(windows, KLoopPlacement.Windows(address, length));
    }

    [Fact]
    public void FollowJumpStubs_FollowsRipRelativeSlot_AndStopsAtCode()
    {
        byte* code = stackalloc byte[] { 0x55, 0x90 };
        // jmp [rip+2]; two bytes of gap; then the slot holding the code's address.
        byte* stub = stackalloc byte[16];
        stub[0] = 0xFF;
        stub[1] = 0x25;
        *(int*)(stub + 2) = 2;
        *(byte**)(stub + 8) = code;
        Assert.Equal((nint)code, (nint)KLoopPlacement.FollowJumpStubs(stub));
        Assert.Equal((nint)code, (nint)KLoopPlacement.FollowJumpStubs(code));
    }
}
