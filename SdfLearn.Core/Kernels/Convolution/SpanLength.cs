using System.Diagnostics.CodeAnalysis;

namespace SdfLearn.Core.Kernels;

/// <summary>The error the convolution entry points throw when a span does not hold exactly its tensor.</summary>
internal static class SpanLength
{
    /// <summary>
    /// Throws for a span of <paramref name="actual"/> elements where <paramref name="expected"/> was due. Callers compare
    /// the lengths first, so the expected shape is only built to report a mismatch.
    /// </summary>
    /// <exception cref="ArgumentException">Always; the message names the expected shape.</exception>
    [DoesNotReturn]
    public static void Throw(int actual, Shape expected, string what, string parameterName) =>
        throw new ArgumentException($"{what} has {actual} elements, expected {expected.Length} for shape {expected}.", parameterName);
}
