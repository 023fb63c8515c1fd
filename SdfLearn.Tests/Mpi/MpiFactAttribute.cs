namespace SdfLearn.Tests.Mpi;

/// <summary>
/// A test that starts an MPI job: skipped with the reason when <c>mpirun</c> is missing, except in CI (<c>CI=true</c>),
/// whose script installs Open MPI, so there a missing <c>mpirun</c> fails the test rather than hiding it.
/// </summary>
internal sealed class MpiFactAttribute : FactAttribute
{
    public MpiFactAttribute()
    {
        if (MpiJob.Launcher is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "mpirun is not on the PATH: install Open MPI (apt-get install openmpi-bin libopenmpi-dev) to run the MPI tests.";
    }
}
