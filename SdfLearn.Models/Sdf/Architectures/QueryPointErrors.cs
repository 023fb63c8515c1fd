using System.Numerics;
using SdfLearn.Autodiff;

namespace SdfLearn.Sdf.Architectures;

/// <summary>Per-shape squared errors of a point decoder, on the scale a Gaussian likelihood of the whole shape needs.</summary>
internal static class QueryPointErrors
{
    /// <summary>
    /// Each shape's sum of squared errors over its query points, scaled by <paramref name="values"/>/P to estimate the sum
    /// over that many values (e.g. S² for the image): [B], from predictions and targets of B·P elements each.
    /// </summary>
    public static Variable<T> Estimate<T>(Variable<T> prediction, Variable<T> targets, int batch, int values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int points = prediction.Shape.Length / batch;
        var perShape = Ops.SumSquaredErrorPerSample(Ops.Reshape(prediction, batch, points), Ops.Reshape(targets, batch, points));
        return Ops.Scale(perShape, T.CreateTruncating((double)values / points));
    }
}
