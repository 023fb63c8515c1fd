using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using SdfLearn.Cli.Experiments;
using SdfLearn.Core;
using SdfLearn.Nn.Serialization;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Cli.Commands;

/// <summary>
/// <c>sdflearn fit-mesh --mesh bunny.ply --out runs/bunny</c>: learns one mesh's SDF with a DeepSDF decoder and writes
/// the extracted surface (mesh.obj, mesh.ply, mesh.glb, in the input's coordinates, with the learnt field's normals
/// ∇f / |∇f| at the vertices unless --no-normals), a sphere-traced render, a slice of the field,
/// metrics.json (Chamfer / box diagonal, normal consistency, inside IoU against the input, the mean ||∇f| − 1| on
/// uniform points of the unit cube, wall times) and the weights. The folder appears whole or not at all. Under mpirun
/// every rank reads and samples the mesh and trains on its share of each minibatch; rank 0 alone writes.
/// </summary>
public static class FitMeshCommand
{
    public static Command Create()
    {
        var meshPath = new Option<string>("--mesh") { Description = "The mesh to learn (.obj, .ply or .glb).", DefaultValueFactory = _ => "data/bunny/bunny.ply" };
        var output = new Option<string>("--out") { Description = "Output folder.", DefaultValueFactory = _ => "runs/fit-mesh" };
        var samples = new Option<int>("--samples") { Description = "SDF samples drawn from the mesh (DeepSDF recipe).", DefaultValueFactory = _ => 500_000 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the samples.", DefaultValueFactory = _ => new MeshFitOptions().Epochs };
        var width = new Option<int>("--width") { Description = "Hidden width of the decoder.", DefaultValueFactory = _ => new MeshFitOptions().HiddenWidth };
        var layers = new Option<int>("--layers") { Description = "Hidden layers of the decoder.", DefaultValueFactory = _ => new MeshFitOptions().HiddenLayers };
        var batch = new Option<int>("--batch-size") { Description = "Samples per optimiser step.", DefaultValueFactory = _ => new MeshFitOptions().BatchSize };
        var resolution = new Option<int>("--resolution") { Description = "Marching-cubes cells along each axis of the unit cube.", DefaultValueFactory = _ => 128 };
        var noNormals = new Option<bool>("--no-normals") { Description = "Write the meshes without vertex normals (by default each vertex carries the learnt field's normal, ∇f / |∇f|)." };
        var eikonal = CommonOptions.EikonalWeight(new MeshFitOptions().EikonalWeight);
        var init = CommonOptions.Init();
        var initRadius = CommonOptions.InitRadius(new MeshFitOptions().GeometricInitRadius);
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var command = new Command("fit-mesh",
            "Learn one mesh's signed distance field with a DeepSDF decoder; write mesh.obj, mesh.ply, mesh.glb, render.png, slice.png, metrics.json and checkpoint.safetensors.")
        { meshPath, output, samples, epochs, width, layers, batch, resolution, noNormals, eikonal, init, initRadius, seed, threads };
        command.SetAction(result =>
        {
            int threadCount = result.GetValue(threads), cells = result.GetValue(resolution);
            if (threadCount < 1) throw new ArgumentException($"--threads must be at least 1; got {threadCount}.");
            if (cells is < 8 or > 1024) throw new ArgumentException($"--resolution must be in [8, 1024]; got {cells}.");
            ComputeThreads.MaxThreads = threadCount;
            var options = new MeshFitOptions
            {
                Sampling = new SdfSamplingOptions { Count = result.GetValue(samples), Seed = result.GetValue(seed) },
                Epochs = result.GetValue(epochs), HiddenWidth = result.GetValue(width), HiddenLayers = result.GetValue(layers),
                BatchSize = result.GetValue(batch), EikonalWeight = result.GetValue(eikonal), Seed = result.GetValue(seed),
                GeometricInitRadius = CommonOptions.GeometricInitRadius(result, init, initRadius, new MeshFitOptions().GeometricInitRadius),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new ArgumentException($"fit-mesh: {e.Message}", e);
            }
            if (options.BatchSize < Job.Communicator.Size)
                throw new ArgumentException($"--batch-size {options.BatchSize} cannot give each of the {Job.Communicator.Size} ranks a sample; use at least {Job.Communicator.Size}.");
            Run(result.GetValue(meshPath)!, result.GetValue(output)!, options, cells, !result.GetValue(noNormals), threadCount, CommonOptions.StopOnSignal(CommonOptions.StoppingWithoutOutput));
        });
        return command;
    }

    private static void Run(string meshPath, string folder, MeshFitOptions options, int resolution, bool normals, int threads, CancellationToken cancellation)
    {
        var wall = Stopwatch.StartNew();
        var input = MeshFile.Read(meshPath);
        Console.WriteLine($"{meshPath}: {input.VertexCount:N0} vertices, {input.TriangleCount:N0} triangles, box diagonal {input.Bounds.Diagonal:G4}");

        var clock = Stopwatch.StartNew();
        var samples = MeshSdfSampler.Sample(input, options.Sampling);
        double samplingSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"sampled {samples.Count:N0} points in {samplingSeconds:F1} s");

        clock.Restart();
        var fit = MeshFitter.Train(samples, options, new EpochLines(), cancellation, Job.Communicator);
        double trainingSeconds = clock.Elapsed.TotalSeconds;
        if (!Job.Leads) return;

        clock.Restart();
        var output = fit.ExtractMesh(resolution, fieldNormals: normals);
        double extractionSeconds = clock.Elapsed.TotalSeconds;
        using var staged = new StagedFolder(folder);
        MeshFile.Write(staged.File("mesh.obj"), output);
        MeshFile.Write(staged.File("mesh.ply"), output);
        MeshFile.Write(staged.File("mesh.glb"), output);
        Console.WriteLine($"extracted {output.VertexCount:N0} vertices{(normals ? " with the field's normals" : "")}, {output.TriangleCount:N0} triangles at {resolution}³ in {extractionSeconds:F1} s");

        clock.Restart();
        var field = fit.Field;
        var options3d = new SphereTracingOptions { Width = 512, Height = 512 };
        SphereTracer.Render(field, MeshFit.UnitCube, Camera.Orbit(Vector3.Zero, 1f, 35f, 15f), options3d, fit.Gradient).SavePng(staged.File("render.png"));
        FieldSlice.Render(field, MeshFit.UnitCube, 2, 0f, 384).SavePng(staged.File("slice.png"));
        double renderSeconds = clock.Elapsed.TotalSeconds;
        var weightsPath = staged.File("checkpoint.safetensors");
        fit.Decoder.SaveSafeTensors(weightsPath, new Dictionary<string, string>
        {
            ["kind"] = "fit-mesh",
            ["hidden_width"] = options.HiddenWidth.ToString(CultureInfo.InvariantCulture),
            ["hidden_layers"] = options.HiddenLayers.ToString(CultureInfo.InvariantCulture),
            ["normalization_scale"] = fit.Normalization.Scale.ToString("R", CultureInfo.InvariantCulture),
            ["normalization_translation"] = string.Create(CultureInfo.InvariantCulture,
                $"{fit.Normalization.Translation.X:R},{fit.Normalization.Translation.Y:R},{fit.Normalization.Translation.Z:R}"),
        });

        clock.Restart();
        var comparison = output.TriangleCount > 0 ? MeshMetrics.Compare(input, output) : null;
        double eikonalResidual = fit.EikonalResidual();
        double metricsSeconds = clock.Elapsed.TotalSeconds;
        var metrics = new Dictionary<string, object?>
        {
            ["mesh"] = meshPath,
            ["samples"] = samples.Count,
            ["epochs"] = options.Epochs,
            ["hidden_width"] = options.HiddenWidth,
            ["hidden_layers"] = options.HiddenLayers,
            ["batch_size"] = options.BatchSize,
            ["eikonal_weight"] = options.EikonalWeight,
            ["geometric_init_radius"] = options.GeometricInitRadius,
            ["seed"] = options.Seed,
            ["threads"] = threads,
            ["ranks"] = Job.Communicator.Size,
            ["resolution"] = resolution,
            ["field_normals"] = normals,
            ["final_loss"] = fit.EpochLosses[^1],
            ["chamfer"] = comparison?.Chamfer,
            ["chamfer_over_diagonal"] = comparison?.ChamferFraction,
            ["normal_consistency"] = comparison?.NormalConsistency,
            ["inside_iou"] = comparison?.InsideIoU,
            ["eikonal_residual"] = eikonalResidual,
            ["box_diagonal"] = input.Bounds.Diagonal,
            ["output_vertices"] = output.VertexCount,
            ["output_triangles"] = output.TriangleCount,
            ["sampling_seconds"] = samplingSeconds,
            ["training_seconds"] = trainingSeconds,
            ["extraction_seconds"] = extractionSeconds,
            ["render_seconds"] = renderSeconds,
            ["metrics_seconds"] = metricsSeconds,
            ["wall_seconds"] = wall.Elapsed.TotalSeconds,
            ["epoch_losses"] = fit.EpochLosses,
        };
        File.WriteAllText(staged.File("metrics.json"), JsonSerializer.Serialize(metrics, new JsonSerializerOptions { WriteIndented = true }));
        staged.Commit();
        Console.WriteLine(comparison is null
            ? "The learnt surface is empty: no metrics."
            : $"Chamfer {comparison.ChamferFraction:P3} of the box diagonal, normal consistency {comparison.NormalConsistency:F4}, inside IoU {comparison.InsideIoU:F4}, mean ||∇f| − 1| {eikonalResidual:F4}");
        Console.WriteLine($"Wrote {folder}/: mesh.obj, mesh.ply, mesh.glb, render.png, slice.png, metrics.json, checkpoint.safetensors ({wall.Elapsed.TotalSeconds:F0} s in all).");
    }

    /// <summary>Prints each epoch on the training thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class EpochLines : IProgress<MeshFitProgress>
    {
        public void Report(MeshFitProgress p) => Console.WriteLine($"epoch {p.Epoch}/{p.Epochs}: loss {p.Loss:E3} ({p.Elapsed.TotalSeconds:F0} s)");
    }
}
