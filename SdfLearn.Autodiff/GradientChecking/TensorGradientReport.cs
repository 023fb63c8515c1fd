using SdfLearn.Core;

namespace SdfLearn.Autodiff;

/// <summary>How the analytic gradient of one tensor compared with central finite differences.</summary>
/// <param name="Name">The tensor's name (as given to the checker, or its position).</param>
/// <param name="Shape">The tensor's shape.</param>
/// <param name="CheckedElements">How many elements were perturbed.</param>
/// <param name="MaxAbsoluteError">The largest <c>|analytic - numerical|</c>.</param>
/// <param name="MaxRelativeError">
/// The largest <c>|analytic - numerical| / max(|analytic|, |numerical|, AbsoluteTolerance / RelativeTolerance)</c>.
/// </param>
/// <param name="WorstIndex">The flat index of the element with the largest relative error.</param>
/// <param name="WorstAnalytic">The analytic gradient at <paramref name="WorstIndex"/>.</param>
/// <param name="WorstNumerical">The numerical gradient at <paramref name="WorstIndex"/>.</param>
/// <param name="Passed">Whether <paramref name="MaxRelativeError"/> is within the tolerance.</param>
public sealed record TensorGradientReport(
    string Name, Shape Shape, int CheckedElements, double MaxAbsoluteError, double MaxRelativeError,
    int WorstIndex, double WorstAnalytic, double WorstNumerical, bool Passed)
{
    /// <summary>One line: name, shape, errors, and the worst element.</summary>
    public override string ToString() =>
        $"{(Passed ? "ok  " : "FAIL")} {Name} {Shape}: {CheckedElements} checked, max abs error {MaxAbsoluteError:E2}, " +
        $"max rel error {MaxRelativeError:E2} (worst at [{WorstIndex}]: analytic {WorstAnalytic:G9}, numerical {WorstNumerical:G9})";
}
