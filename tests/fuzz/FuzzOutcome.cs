namespace SdfLearn.Fuzz;

/// <summary>How a reader handled one mutated input.</summary>
public enum FuzzOutcome
{
    /// <summary>Read without error (and, where the right content is known, with it).</summary>
    Accepted,

    /// <summary>Refused with the documented <see cref="InvalidDataException"/>.</summary>
    Refused,

    /// <summary>Accepted, but the content differs from what the file's checksum protects: a silent wrong read.</summary>
    WrongData,

    /// <summary>Failed with an exception other than the documented one.</summary>
    UnexpectedException,

    /// <summary>Allocated more than the bound (<see cref="FuzzRunner.AllowedBytes"/>).</summary>
    OverAllocation,

    /// <summary>Took longer than <see cref="FuzzRunner.SlowCase"/>.</summary>
    Slow,
}
