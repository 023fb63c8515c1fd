using System.Numerics;
using SdfLearn.Core;
using SdfLearn.Core.Distributed;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Geometry;
using SdfLearn.Tests.Nn.Distributed;
using Xunit.Abstractions;

namespace SdfLearn.Tests.Sdf.Geometry;

/// <summary>
/// The fitters data-parallel through their communicator parameter, with two ranks as threads of this process
/// (<see cref="ThreadCommunicator"/>; the runs under <c>mpirun</c> are in <c>CliMpiTests</c>).
/// </summary>
public class DataParallelFitTests(ITestOutputHelper output)
{
    private static readonly TriangleMesh[] Meshes =
    [
        ParametricMeshes.Sphere(new Sphere(Vector3.Zero, 1f), 8, 16),
        ParametricMeshes.Torus(new Torus(Vector3.Zero, 1f, 0.4f), 16, 8),
        ParametricMeshes.Sphere(new Sphere(new Vector3(1, 0, 0), 0.5f), 8, 16),
        ParametricMeshes.Torus(new Torus(Vector3.Zero, 1f, 0.2f), 16, 8),
    ];

    private static readonly ShapeCollectionFitOptions Shapes = new()
    {
        Sampling = new SdfSamplingOptions { Count = 512 }, LatentSize = 4, HiddenWidth = 16, HiddenLayers = 2,
        Epochs = 6, ShapesPerBatch = 2, PointsPerShape = 64, LearningRate = 3e-3, EikonalWeight = 0.01f,
    };

    private static readonly MeshFitOptions Mesh = new()
    {
        Sampling = new SdfSamplingOptions { Count = 1024, Seed = 2 }, HiddenWidth = 16, HiddenLayers = 2, Epochs = 4,
        BatchSize = 256, LearningRate = 3e-3, EikonalWeight = 0.1f, Seed = 2,
    };

    private static float[] Weights(IEnumerable<SdfLearn.Autodiff.Parameter<float>> parameters) => parameters.SelectMany(p => p.Value.ToArray()).ToArray();

    private double Compare(string what, float[] one, float[] two)
    {
        double difference = one.Zip(two, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"{what}: {one.Length} weights, max |2 ranks - 1 process| = {difference:E2} (largest weight {one.Max(Math.Abs):F3})");
        return difference;
    }

    /// <summary>
    /// Two ranks, each with one of every batch's two shapes, against one process with both: the ranks end with the same
    /// weights and codes as each other, bit for bit, and as a second two-rank run; one process differs only by float
    /// rounding (the ranks add their shards' gradients after summing each, where one process sums all rows at once).
    /// </summary>
    [Fact]
    public void AutoDecoder_TwoRanks_AgreeAndMatchOneProcess()
    {
        var single = ShapeCollectionFitter.Fit(Meshes, Shapes);
        var ranks = ThreadCommunicator.Run(2, communicator => ShapeCollectionFitter.Fit(Meshes, Shapes, communicator: communicator));
        var again = ThreadCommunicator.Run(2, communicator => ShapeCollectionFitter.Fit(Meshes, Shapes, communicator: communicator));

        float[] rank0 = Weights(ranks[0].Model.Parameters());
        Assert.Equal(rank0, Weights(ranks[1].Model.Parameters()));
        Assert.Equal(rank0, Weights(again[0].Model.Parameters()));
        Assert.Equal(ranks[0].EpochLosses, ranks[1].EpochLosses);
        Assert.True(Compare("auto-decoder", Weights(single.Model.Parameters()), rank0) < 1e-5);
        for (int e = 0; e < Shapes.Epochs; e++)
            Assert.Equal(single.EpochLosses[e], ranks[0].EpochLosses[e], 1e-6 * single.EpochLosses[e]);
    }

    /// <summary>One mesh, each rank with half of every minibatch's points, against one process (as above).</summary>
    [Fact]
    public void MeshFit_TwoRanks_AgreeAndMatchOneProcess()
    {
        var single = MeshFitter.Fit(Meshes[1], Mesh);
        var ranks = ThreadCommunicator.Run(2, communicator => MeshFitter.Fit(Meshes[1], Mesh, communicator: communicator));

        float[] rank0 = Weights(ranks[0].Decoder.Parameters());
        Assert.Equal(rank0, Weights(ranks[1].Decoder.Parameters()));
        Assert.True(Compare("mesh fit", Weights(single.Decoder.Parameters()), rank0) < 1e-5);
        for (int e = 0; e < Mesh.Epochs; e++)
            Assert.Equal(single.EpochLosses[e], ranks[0].EpochLosses[e], 1e-6 * single.EpochLosses[e]);
    }

    [Fact]
    public void RanksWhoseSamplesDiffer_AllFailBeforeTraining()
    {
        var errors = ThreadCommunicator.Run(2, communicator =>
        {
            // Rank 1 samples with another seed, as if its copy of the mesh file were another.
            var options = Mesh with { Sampling = Mesh.Sampling with { Seed = 2 + (ulong)communicator.Rank } };
            return Record.Exception(() => MeshFitter.Fit(Meshes[1], options, communicator: communicator));
        });
        foreach (var error in errors)
            Assert.Contains("The training samples of 1 of the 2 ranks differ from rank 0's", Assert.IsType<InvalidDataException>(error).Message);
    }

    [Fact]
    public void ABatchSmallerThanTheRankCount_IsRefusedBeforeSampling()
    {
        var errors = ThreadCommunicator.Run(2, communicator => (
            Record.Exception(() => ShapeCollectionFitter.Fit(Meshes, Shapes with { ShapesPerBatch = 1 }, communicator: communicator)),
            Record.Exception(() => MeshFitter.Fit(Meshes[0], Mesh with { BatchSize = 1 }, communicator: communicator))));
        foreach (var (shapes, mesh) in errors)
        {
            Assert.Contains("A batch of 1 shapes cannot give each of 2 ranks one", Assert.IsType<ArgumentOutOfRangeException>(shapes).Message);
            Assert.Contains("A batch of 1 samples cannot give each of 2 ranks one", Assert.IsType<ArgumentOutOfRangeException>(mesh).Message);
        }
    }

    [Fact]
    public void PointBatchSharder_CutsShapesOrPoints()
    {
        // 3 shapes of 4 points: coordinate = 10 · shape + point, value = the same.
        var coordinates = new Tensor<float>(new Shape(3, 4, 1));
        var values = new Tensor<float>(new Shape(3, 4));
        for (int i = 0; i < 12; i++) coordinates.Span[i] = values.Span[i] = 10 * (i / 4) + i % 4;
        var loader = new PointSampleLoader(new PointSamples(coordinates, values), batchSize: 3, seed: 1, shuffle: false);
        var batch = loader.Epoch(0).First();

        var shapes = PointBatchSharder.ByShapes();
        Assert.Equal(3, shapes.Count(batch));
        var second = shapes.Shard(batch, BatchShard.Of(3, 1, 2)); // ranks take 2 and 1 shapes
        Assert.Equal([2], second.Indices);
        Assert.Equal([20f, 21, 22, 23], second.Values.ToArray());

        var points = PointBatchSharder.ByPoints();
        Assert.Equal(4, points.Count(batch));
        var first = points.Shard(batch, BatchShard.Of(4, 0, 2));
        Assert.Equal([0, 1, 2], first.Indices);
        Assert.Equal([0f, 1, 10, 11, 20, 21], first.Coordinates.ToArray());
        Assert.Equal([0f, 1, 10, 11, 20, 21], first.Values.ToArray());
    }
}
