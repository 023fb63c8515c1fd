namespace SdfLearn.Sdf.Reconstruction;

/// <summary>
/// Settings of <see cref="PointFit"/>, IGR's (Gropp et al. 2020) scaled to a unit square: an MLP with Softplus(β = 100)
/// and geometric initialisation, loss <c>mean|f(x_i)| + NormalWeight mean|∇f(x_i) − n_i| + EikonalWeight mean(|∇f| − 1)²</c>
/// over the surface points x_i and off-surface samples.
/// </summary>
public sealed record PointFitOptions
{
    /// <summary>Adam steps (default 1000).</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Adam's learning rate (default 5e-3), halved at 60% and 85% of the steps.</summary>
    public double LearningRate { get; init; } = 5e-3;

    /// <summary>Width of the hidden layers (default 64).</summary>
    public int Width { get; init; } = 64;

    /// <summary>Number of hidden layers (default 4).</summary>
    public int HiddenLayers { get; init; } = 4;

    /// <summary>Sharpness β of the Softplus activations (default 100, IGR's).</summary>
    public double Beta { get; init; } = 100;

    /// <summary>Radius of the circle the geometric initialisation starts from (default 0.25).</summary>
    public double InitialRadius { get; init; } = 0.25;

    /// <summary>Weight of the normal term (default 1); 0 fits from the points alone.</summary>
    public double NormalWeight { get; init; } = 1;

    /// <summary>Weight τ of the eikonal term (default 0.5; IGR's 0.1 leaves | |∇f| − 1 | near 0.09 on digits).</summary>
    public double EikonalWeight { get; init; } = 0.5;

    /// <summary>
    /// Standard deviation of the off-surface samples drawn around each surface point, one per point and step (default
    /// 0.03, two pixels at S = 64).
    /// </summary>
    public double LocalSpread { get; init; } = 0.03;

    /// <summary>Off-surface samples drawn uniformly over the square [-0.5, 0.5)² each step (default 1024).</summary>
    public int UniformSamples { get; init; } = 1024;

    /// <summary>Seed of the initialisation and the samples.</summary>
    public ulong Seed { get; init; }

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names it).</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Steps, nameof(Steps));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LearningRate, nameof(LearningRate));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Width, nameof(Width));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(HiddenLayers, nameof(HiddenLayers));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Beta, nameof(Beta));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(InitialRadius, nameof(InitialRadius));
        ArgumentOutOfRangeException.ThrowIfNegative(NormalWeight, nameof(NormalWeight));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EikonalWeight, nameof(EikonalWeight));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LocalSpread, nameof(LocalSpread));
        ArgumentOutOfRangeException.ThrowIfNegative(UniformSamples, nameof(UniformSamples));
    }
}
