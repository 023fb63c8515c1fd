using System.CommandLine;
using System.Globalization;

namespace SdfLearn.Cli.Commands;

/// <summary>
/// Range checks on option values, run by the parser before any command does work (so no data is loaded for a bad
/// value), with messages that name the option by its flag.
/// </summary>
public static class OptionChecks
{
    /// <summary>Refuses values for which <paramref name="valid"/> is false: "<c>--flag</c> must be <paramref name="requirement"/>; got v."</summary>
    public static Option<T> MustBe<T>(this Option<T> option, Func<T, bool> valid, string requirement)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (!valid(value))
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be {requirement}; got {value}."));
        });
        return option;
    }

    /// <summary>Whole numbers of at least <paramref name="minimum"/>.</summary>
    public static Option<int> AtLeast(this Option<int> option, int minimum) => option.MustBe(v => v >= minimum, $"at least {minimum}");

    /// <summary>Optional whole numbers of at least <paramref name="minimum"/>.</summary>
    public static Option<int?> AtLeast(this Option<int?> option, int minimum) => option.MustBe(v => v is null || v >= minimum, $"at least {minimum}");

    /// <summary>Finite numbers above 0.</summary>
    public static Option<double> Positive(this Option<double> option) => option.MustBe(v => double.IsFinite(v) && v > 0, "a finite number above 0");

    /// <summary>Optional finite numbers above 0.</summary>
    public static Option<double?> Positive(this Option<double?> option) =>
        option.MustBe(v => v is null || (double.IsFinite(v.Value) && v > 0), "a finite number above 0");

    /// <summary>Finite numbers of at least 0.</summary>
    public static Option<double> NonNegative(this Option<double> option) => option.MustBe(v => double.IsFinite(v) && v >= 0, "a finite number of at least 0");

    /// <summary>Optional finite numbers of at least 0.</summary>
    public static Option<double?> NonNegative(this Option<double?> option) =>
        option.MustBe(v => v is null || (double.IsFinite(v.Value) && v >= 0), "a finite number of at least 0");
}
