using SdfLearn.Core.Distributed;

namespace SdfLearn.Tests.Core.Distributed;

public class CommunicatorTests
{
    /// <summary>A library that no system has, to see the message a missing MPI gives.</summary>
    private sealed class AbsentAbi : MpiAbi
    {
        public override string Name => "Absent MPI";
        public override IReadOnlyList<string> LibraryNames { get; } = ["libsdflearn-absent-mpi.so.0"];
        public override string InstallHint => "install Absent MPI";
        public override MpiHandles ResolveHandles(nint library) => default;
    }

    [Fact]
    public void Create_WithoutAnMpiLauncher_IsOneProcess()
    {
        Assert.False(Communicator.IsLaunchedByMpi);
        var communicator = Communicator.Create();
        Assert.Same(SingleProcessCommunicator.Instance, communicator);
        Assert.Equal((0, 1), (communicator.Rank, communicator.Size));
    }

    [Fact]
    public void SingleProcess_CollectivesLeaveValuesAsTheyAre()
    {
        var communicator = SingleProcessCommunicator.Instance;
        Span<float> floats = [1.5f, -2];
        Span<double> doubles = [3.25];
        Span<byte> bytes = [7];
        communicator.AllReduceSum(floats);
        communicator.AllReduceSum(doubles);
        communicator.Broadcast(bytes, root: 0);
        communicator.Barrier();
        Assert.Equal([1.5f, -2], floats.ToArray());
        Assert.Equal(3.25, doubles[0]);
        Assert.Equal(7, bytes[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => communicator.Broadcast([], root: 1));
    }

    [Fact]
    public void MissingMpiLibrary_SaysWhatToInstall()
    {
        var error = Assert.Throws<MpiException>(() => MpiLibrary.Load(new AbsentAbi()));
        Assert.Contains("no MPI library could be loaded (tried libsdflearn-absent-mpi.so.0); install Absent MPI", error.Message);
    }
}
