using SdfLearn.Core;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

/// <summary>Runs the same computation under several <see cref="ComputeThreads.MaxThreads"/> settings.</summary>
internal static class ThreadCounts
{
    public static TResult[] Run<TResult>(int[] threadCounts, Func<TResult> compute)
    {
        int saved = ComputeThreads.MaxThreads;
        try
        {
            return threadCounts.Select(threads =>
            {
                ComputeThreads.MaxThreads = threads;
                return compute();
            }).ToArray();
        }
        finally
        {
            ComputeThreads.MaxThreads = saved;
        }
    }
}
