namespace SdfLearn.Autodiff;

/// <summary>The outcome of a <see cref="GradientCheck"/>: one report per checked tensor.</summary>
public sealed class GradientCheckResult
{
    internal GradientCheckResult(IReadOnlyList<TensorGradientReport> tensors, double loss)
    {
        Tensors = tensors;
        Loss = loss;
    }

    /// <summary>One report per tensor that requires a gradient, in the order given.</summary>
    public IReadOnlyList<TensorGradientReport> Tensors { get; }

    /// <summary>The loss at the unperturbed values.</summary>
    public double Loss { get; }

    /// <summary>Whether every tensor passed.</summary>
    public bool Passed => Tensors.All(t => t.Passed);

    /// <summary>The largest relative error over all tensors.</summary>
    public double MaxRelativeError => Tensors.Count == 0 ? 0 : Tensors.Max(t => t.MaxRelativeError);

    /// <summary>A report of every tensor, one line each.</summary>
    public override string ToString() =>
        $"Gradient check {(Passed ? "passed" : "FAILED")} (loss {Loss:G9}):" + Environment.NewLine +
        string.Join(Environment.NewLine, Tensors.Select(t => "  " + t));
}
