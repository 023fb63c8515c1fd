using System.Numerics.Tensors;
using SdfLearn.Core;

namespace SdfLearn.Sdf.Evaluation;

/// <summary>
/// k-means++ seeding (Arthur and Vassilvitskii 2007): the first centre is a uniformly chosen code, each next one a
/// code chosen with probability proportional to its squared distance from the nearest centre so far. The centres
/// spread over the data, so a mixture started from them rarely puts two components on one cluster.
/// </summary>
internal static class KMeansPlusPlus
{
    /// <summary>The indices of <paramref name="k"/> codes chosen as centres; the same random stream gives the same codes.</summary>
    public static int[] Seeds(CodeColumns codes, int k, SeededRandom random)
    {
        int n = codes.Count;
        var chosen = new int[k];
        var nearest = new double[n];
        var distance = new double[n];
        var difference = new double[n];
        nearest.AsSpan().Fill(double.PositiveInfinity);
        chosen[0] = random.NextInt(n);
        for (int c = 1; c < k; c++)
        {
            distance.AsSpan().Clear();
            for (int j = 0; j < codes.Dimension; j++)
            {
                var column = codes.Column(j);
                TensorPrimitives.Subtract(column, column[chosen[c - 1]], difference);
                TensorPrimitives.MultiplyAdd(difference, difference, distance, distance);
            }
            TensorPrimitives.Min(nearest, distance, nearest);
            double total = TensorPrimitives.Sum<double>(nearest);
            chosen[c] = total > 0 ? WeightedChoice.Index(nearest, random.NextDouble() * total) : random.NextInt(n); // every code already is a centre
        }
        return chosen;
    }
}
