namespace SdfLearn.Core.Kernels;

/// <summary>Argument checks and chunking shared by the element-wise kernels.</summary>
internal static class ElementwiseChecks
{
    /// <summary>
    /// Elements per chunk when a kernel chains several vectorised passes through stack scratch: small enough that the
    /// scratch stays in L1 and on the stack, large enough that per-call overhead vanishes.
    /// </summary>
    public const int ChunkLength = 256;

    /// <summary>Throws unless every span has the input's length.</summary>
    public static void SameLength(string kernel, int input, int other, string otherName)
    {
        if (other != input)
            throw new ArgumentException($"{kernel}: {otherName} has {other} elements but the input has {input}.", otherName);
    }
}
