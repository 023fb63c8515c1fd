namespace SdfLearn.Cli.Experiments;

/// <summary>
/// The main job's recipe (<c>sdflearn run</c> without --full): the 10-epoch recipe the targets are stated for, with
/// <see cref="PointsPerShape"/> query points per field for the DeepSDF models, and the models trained side by side
/// (<see cref="TrainingLanes"/>). 256 points reached the same test IoU as 512 in about 0.6 of the time; 128 cost both
/// DeepSDF models 0.006-0.007 IoU (docs/results.md) and bring the job within 15 minutes on a 2-core AVX2 machine, where
/// 256 took 20 minutes.
/// <c>--full</c> gives the recipe of the results tables, 512 points; --epochs and --points override either.
/// </summary>
public static class MainJob
{
    /// <summary>Query points per field per step of the DeepSDF models in the main job.</summary>
    public const int PointsPerShape = 128;

    /// <summary>The main job's recipe in words, for the help text.</summary>
    public static string Describe() => $"{PointsPerShape} query points per field for the DeepSDF models";
}
