using System.Numerics;
using SdfLearn.Autodiff;
using SdfLearn.Core;

namespace SdfLearn.Nn.Losses;

/// <summary>Constants that losses add on the tape, in buffers it lends for the step, so that a training step allocates none.</summary>
internal static class TapeConstants
{
    /// <summary>A one-element, rank-0 constant.</summary>
    public static Variable<T> Scalar<T>(Tape<T> tape, T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tensor = tape.Rent(new Shape());
        tensor.Span[0] = value;
        return tape.Constant(tensor);
    }
}
