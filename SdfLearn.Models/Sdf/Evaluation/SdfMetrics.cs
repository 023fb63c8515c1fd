using SdfLearn.Core;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>How close predicted fields are to the true ones: squared error and overlap of the inside regions.</summary>
public static class SdfMetrics
{
    /// <summary>Mean squared error over every value (in SDF units squared).</summary>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    public static double MeanSquaredError(Tensor<float> predicted, Tensor<float> truth)
    {
        ShapeMismatchException.ThrowIfDifferent(nameof(MeanSquaredError), truth.Shape, predicted.Shape, "prediction");
        double sum = 0;
        var p = predicted.Span;
        var t = truth.Span;
        for (int i = 0; i < p.Length; i++)
        {
            double d = p[i] - t[i];
            sum += d * d;
        }
        return sum / p.Length;
    }

    /// <summary>
    /// Mean over fields of the intersection over union of the inside regions (value &lt; 0), fields being the slices
    /// along axis 0. A field pair with both insides empty counts as 1.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    public static double InsideIoU(Tensor<float> predicted, Tensor<float> truth)
    {
        ShapeMismatchException.ThrowIfDifferent(nameof(InsideIoU), truth.Shape, predicted.Shape, "prediction");
        int fields = truth.Shape[0], size = truth.Length / fields;
        double total = 0;
        for (int f = 0; f < fields; f++)
            total += InsideIoU(predicted.Span.Slice(f * size, size), truth.Span.Slice(f * size, size));
        return total / fields;
    }

    /// <summary>Intersection over union of the inside regions (value &lt; 0) of two fields; 1 when both are empty.</summary>
    public static double InsideIoU(ReadOnlySpan<float> predicted, ReadOnlySpan<float> truth)
    {
        int intersection = 0, union = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            bool p = predicted[i] < 0f, t = truth[i] < 0f;
            if (p && t) intersection++;
            if (p || t) union++;
        }
        return union == 0 ? 1 : (double)intersection / union;
    }
}
