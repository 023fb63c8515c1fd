namespace SdfLearn.Core.Kernels;

/// <summary>Argument checks shared by the convolution entry points: a span must hold exactly its tensor.</summary>
internal static class SpanLength
{
    /// <summary>Throws when <paramref name="actual"/> differs from the length of <paramref name="expected"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ; the message names the expected shape.</exception>
    public static void Require(int actual, Shape expected, string what, string parameterName)
    {
        if (actual != expected.Length)
            throw new ArgumentException($"{what} has {actual} elements, expected {expected.Length} for shape {expected}.", parameterName);
    }
}
