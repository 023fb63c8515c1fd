using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels;

public class GuidedChunksTests
{
    [Theory]
    [InlineData(171, 16, 2, 2)]  // 1024 rows in 6-row tiles, two threads
    [InlineData(86, 16, 2, 2)]
    [InlineData(3, 16, 2, 2)]
    [InlineData(1000, 16, 2, 4)]
    [InlineData(50, 50, 50, 1)]  // one thread: one chunk
    public void Chunks_CoverAllUnitsInOrder_ShrinkingWithinBounds(int units, int largest, int smallest, int threads)
    {
        var chunks = new GuidedChunks(units, largest, smallest, threads);
        int next = 0, previousSize = int.MaxValue;
        for (int chunk = 0; chunk < chunks.Count; chunk++)
        {
            (int first, int end) = chunks.Range(chunk);
            int size = end - first;
            Assert.Equal(next, first);
            Assert.InRange(size, 1, Math.Min(largest, previousSize));
            if (end < units) Assert.True(size >= smallest);
            (next, previousSize) = (end, size);
        }
        Assert.Equal(units, next);
        if (threads == 1) Assert.Equal(1, chunks.Count);
    }
}
