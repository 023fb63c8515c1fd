namespace SdfLearn.Fuzz;

/// <summary>A reader under fuzzing: how to make a mutated input and how to read one.</summary>
public abstract class ReaderTarget
{
    /// <summary>Short name for reports, e.g. "idx-gzip".</summary>
    public abstract string Name { get; }

    /// <summary>A seeded mutant of one of the target's valid seed files.</summary>
    public abstract FuzzCase Next(Random random);

    /// <summary>Reads the case's input; returns the content read, or throws <see cref="InvalidDataException"/> to refuse it.</summary>
    public abstract byte[] Read(FuzzCase fuzzCase);
}
