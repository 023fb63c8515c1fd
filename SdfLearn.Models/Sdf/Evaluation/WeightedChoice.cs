namespace SdfLearn.Sdf.Evaluation;

/// <summary>Picking an index with probability proportional to its weight, from one uniform draw.</summary>
internal static class WeightedChoice
{
    /// <summary>
    /// The first index of a positive weight at which the running sum of <paramref name="weights"/> passes
    /// <paramref name="threshold"/> (a uniform draw times their total); the last positive weight if rounding leaves
    /// the threshold just above the sum.
    /// </summary>
    public static int Index(ReadOnlySpan<double> weights, double threshold)
    {
        double sum = 0;
        int last = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] == 0) continue;
            sum += weights[i];
            last = i;
            if (sum > threshold) return i;
        }
        return last;
    }
}
