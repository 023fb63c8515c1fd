namespace SdfLearn.Fuzz;

/// <summary>Every reader under fuzzing.</summary>
public static class ReaderTargets
{
    /// <summary>Fresh targets for every reader.</summary>
    public static IEnumerable<ReaderTarget> All() =>
        [new IdxTarget(compressed: false), new IdxTarget(compressed: true), new SafeTensorsTarget(), new SdfCacheTarget(), new GlbTarget()];
}
