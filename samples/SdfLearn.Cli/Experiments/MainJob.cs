namespace SdfLearn.Cli.Experiments;

/// <summary>
/// The main job's epochs per model (<c>sdflearn run</c> without --epochs): short enough that the three models train and
/// are evaluated in about 15 minutes on two cores (measured 12 min 10 s with the build in session 6;
/// docs/results.md), with the cosine schedule ending each run at a learning rate of 0.
/// <c>--full</c> gives the 10-epoch recipe the targets are stated for.
/// </summary>
public static class MainJob
{
    /// <summary>Epochs per model of the full-length recipe.</summary>
    public const int FullEpochs = 10;

    /// <summary>The main job's epochs for <paramref name="kind"/>: 6 for the cheaper vanilla VAE, 4 for the DeepSDF models.</summary>
    public static int Epochs(string kind) => kind == "vae" ? 6 : 4;

    /// <summary>The short recipe in words, for the help text.</summary>
    public static string Describe() => $"{Epochs("vae")} epochs for vae, {Epochs("ae-deepsdf")} for the DeepSDF models";
}
