namespace SdfLearn.Core;

/// <summary>Thrown when an operation receives tensors whose shapes do not fit together; the message names both shapes.</summary>
public sealed class ShapeMismatchException : ArgumentException
{
    /// <summary>Creates the exception with a message naming the operation and the offending shapes.</summary>
    public ShapeMismatchException(string message) : base(message) { }

    /// <summary>Throws unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    /// <param name="operation">What was being done, for the message (e.g. "Add").</param>
    /// <param name="expected">The shape required.</param>
    /// <param name="actual">The shape received.</param>
    /// <param name="what">What the shape belongs to (e.g. "gradient").</param>
    public static void ThrowIfDifferent(string operation, Shape expected, Shape actual, string what = "tensor")
    {
        if (expected != actual)
            throw new ShapeMismatchException($"{operation}: expected {what} of shape {expected}, got {actual}.");
    }
}
