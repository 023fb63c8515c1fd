using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using SdfLearn.Cli.Experiments;
using SdfLearn.Core;
using SdfLearn.Sdf.Geometry;

namespace SdfLearn.Cli.Commands;

/// <summary>
/// <c>sdflearn train-shapes</c>: a DeepSDF auto-decoder over random analytic shapes (spheres, boxes, tori, capsules,
/// unions) plus the bunny; writes the run (shapes.json, checkpoint.safetensors), grid.png (shapes decoded from their
/// codes), interpolation.png (first shape to the bunny), mesh.glb (the added mesh's learnt surface at 128³ in its
/// coordinates, with the field's vertex normals) and metrics.json (with the fields' mean eikonal residual and that
/// surface against the mesh: Chamfer, normal consistency, inside IoU). The folder appears whole or not at all. Under
/// mpirun every rank builds and samples the shapes and trains on its shard of each batch's shapes; rank 0 alone writes.
/// </summary>
public static class TrainShapesCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Random analytic shapes.", DefaultValueFactory = _ => 40 };
        var bunny = new Option<string?>("--bunny") { Description = "A mesh (.obj, .ply or .glb) added as the last shape ('' for none).", DefaultValueFactory = _ => "data/bunny/bunny.ply" };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the shapes.", DefaultValueFactory = _ => new ShapeCollectionFitOptions().Epochs };
        var latent = new Option<int>("--latent-size") { Description = "Code size per shape.", DefaultValueFactory = _ => new ShapeCollectionFitOptions().LatentSize };
        var prior = new Option<float>("--code-regularization") { Description = "Weight of the codes' squared norm in the loss.", DefaultValueFactory = _ => new ShapeCollectionFitOptions().CodeRegularization };
        var samples = new Option<int>("--samples") { Description = "SDF samples drawn per shape (DeepSDF recipe).", DefaultValueFactory = _ => new ShapeCollectionFitOptions().Sampling.Count };
        var width = new Option<int>("--width") { Description = "Hidden width of the decoder.", DefaultValueFactory = _ => new ShapeCollectionFitOptions().HiddenWidth };
        var layers = new Option<int>("--layers") { Description = "Hidden layers of the decoder.", DefaultValueFactory = _ => new ShapeCollectionFitOptions().HiddenLayers };
        var shapesPerBatch = new Option<int>("--shapes-per-batch")
        {
            Description = "Shapes per optimiser step (the global batch: under mpirun each rank takes a share, so at least the rank count).",
            DefaultValueFactory = _ => new ShapeCollectionFitOptions().ShapesPerBatch,
        };
        var pointsPerShape = new Option<int>("--points-per-shape") { Description = "Samples of each shape per step (a fresh random subset).", DefaultValueFactory = _ => new ShapeCollectionFitOptions().PointsPerShape };
        var eikonal = CommonOptions.EikonalWeight(new ShapeCollectionFitOptions().EikonalWeight);
        var init = CommonOptions.Init();
        var initRadius = CommonOptions.InitRadius(new ShapeCollectionFitOptions().GeometricInitRadius);
        var output = new Option<string>("--out") { Description = "Run folder.", DefaultValueFactory = _ => "runs/shapes" };
        var seed = CommonOptions.Seed();
        var threads = CommonOptions.Threads();
        var command = new Command("train-shapes", "Train a DeepSDF auto-decoder over random analytic shapes and the bunny; grid and interpolation pictures, the bunny's learnt mesh.glb.")
        { count, bunny, epochs, latent, samples, width, layers, shapesPerBatch, pointsPerShape, prior, eikonal, init, initRadius, output, seed, threads };
        command.SetAction(result =>
        {
            int shapes = result.GetValue(count), threadCount = result.GetValue(threads);
            if (shapes < 1) throw new ArgumentException($"--count must be at least 1; got {shapes}.");
            if (threadCount < 1) throw new ArgumentException($"--threads must be at least 1; got {threadCount}.");
            ComputeThreads.MaxThreads = threadCount;
            var options = new ShapeCollectionFitOptions { Epochs = result.GetValue(epochs), LatentSize = result.GetValue(latent),
                Sampling = new ShapeCollectionFitOptions().Sampling with { Count = result.GetValue(samples) },
                HiddenWidth = result.GetValue(width), HiddenLayers = result.GetValue(layers),
                ShapesPerBatch = result.GetValue(shapesPerBatch), PointsPerShape = result.GetValue(pointsPerShape),
                CodeRegularization = result.GetValue(prior), EikonalWeight = result.GetValue(eikonal),
                GeometricInitRadius = CommonOptions.GeometricInitRadius(result, init, initRadius, new ShapeCollectionFitOptions().GeometricInitRadius), Seed = result.GetValue(seed) };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new ArgumentException($"train-shapes: {e.Message}", e);
            }
            Run(shapes, result.GetValue(bunny), options, result.GetValue(output)!, CommonOptions.StopOnSignal(CommonOptions.StoppingWithoutOutput));
        });
        return command;
    }

    /// <summary>Uniform points per shape for the eikonal residual (41 shapes by default: 0.7 million gradients).</summary>
    private const int ResidualPoints = 16384;

    private static void Run(int count, string? bunnyPath, ShapeCollectionFitOptions options, string folder, CancellationToken cancellation)
    {
        var wall = Stopwatch.StartNew();
        var shapes = RandomShapes.Create(count, options.Seed);
        var meshes = shapes.Select(s => MarchingCubes.Extract(s.Evaluate, s.Bounds.Inflated(0.05f), 64)).ToList();
        var names = shapes.Select((s, i) => $"{i}: {s.GetType().Name.ToLowerInvariant()}").ToList();
        if (!string.IsNullOrEmpty(bunnyPath))
        {
            meshes.Add(MeshFile.Read(bunnyPath));
            names.Add($"{count}: {Path.GetFileName(bunnyPath)}");
        }
        Console.WriteLine($"{meshes.Count} shapes; sampling {options.Sampling.Count:N0} points each and training {options.Epochs} epochs");
        var epochLines = new EpochLines();
        var fit = ShapeCollectionFitter.Fit(meshes, options, epochLines, cancellation, Job.Communicator);
        double trainingSeconds = wall.Elapsed.TotalSeconds;
        if (!Job.Leads) return;
        using var staged = new StagedFolder(folder);
        var run = new ShapeRun(names, options);
        run.Save(staged.Staging, fit.Model);

        int shown = Math.Min(12, meshes.Count - 1);
        var codes = Enumerable.Range(0, shown).Append(meshes.Count - 1).Select(fit.Code);
        ShapeRun.Pictures(fit.Model.Decoder, codes, 7, 160).SavePng(staged.File("grid.png"));
        ShapeRun.Interpolation(fit.Model, 2, meshes.Count - 1, 8, 160).SavePng(staged.File("interpolation.png"));
        double eikonalResidual = Enumerable.Range(0, meshes.Count).Average(shape => fit.EikonalResidual(shape, ResidualPoints));
        bool meshAdded = !string.IsNullOrEmpty(bunnyPath);
        var learnt = meshAdded ? fit.ExtractMesh(meshes.Count - 1) : null;
        if (learnt is not null) MeshFile.Write(staged.File("mesh.glb"), learnt);
        var comparison = learnt is { TriangleCount: > 0 } ? MeshMetrics.Compare(meshes[^1], learnt) : null;
        var metrics = new Dictionary<string, object?>
        {
            ["shapes"] = meshes.Count, ["epochs"] = options.Epochs, ["latent_size"] = options.LatentSize,
            ["code_regularization"] = options.CodeRegularization, ["eikonal_weight"] = options.EikonalWeight,
            ["geometric_init_radius"] = options.GeometricInitRadius, ["seed"] = options.Seed,
            ["threads"] = ComputeThreads.MaxThreads, ["ranks"] = Job.Communicator.Size, ["final_loss"] = fit.EpochLosses[^1], ["training_seconds"] = trainingSeconds,
            ["eikonal_residual"] = eikonalResidual, ["mesh_chamfer_over_diagonal"] = comparison?.ChamferFraction,
            ["mesh_normal_consistency"] = comparison?.NormalConsistency, ["mesh_inside_iou"] = comparison?.InsideIoU,
            ["wall_seconds"] = wall.Elapsed.TotalSeconds, ["epoch_losses"] = fit.EpochLosses,
            ["epoch_seconds"] = epochLines.EpochSeconds,
        };
        File.WriteAllText(staged.File("metrics.json"), JsonSerializer.Serialize(metrics, new JsonSerializerOptions { WriteIndented = true }));
        staged.Commit();
        Console.WriteLine($"mean ||∇f| − 1| over the shapes {eikonalResidual:F4}" + (!meshAdded ? "" : comparison is null
            ? $"; shape {names[^1]} decodes to no surface"
            : $"; shape {names[^1]}: Chamfer {comparison.ChamferFraction:P3} of the box diagonal, normal consistency {comparison.NormalConsistency:F4}, inside IoU {comparison.InsideIoU:F4}"));
        Console.WriteLine($"Wrote {folder}/: shapes.json, checkpoint.safetensors, grid.png, interpolation.png, {(meshAdded ? "mesh.glb, " : "")}metrics.json ({wall.Elapsed.TotalSeconds:F0} s).");
    }

    private sealed class EpochLines : IProgress<MeshFitProgress>
    {
        private TimeSpan _elapsed;

        /// <summary>Each epoch's training time (the trainer's clock: sampling and set-up excluded).</summary>
        public List<double> EpochSeconds { get; } = [];

        public void Report(MeshFitProgress p)
        {
            EpochSeconds.Add((p.Elapsed - _elapsed).TotalSeconds);
            _elapsed = p.Elapsed;
            if (p.Epoch % 10 == 0 || p.Epoch == p.Epochs)
                Console.WriteLine($"epoch {p.Epoch}/{p.Epochs}: loss {p.Loss:E3} ({p.Elapsed.TotalSeconds:F0} s)");
        }
    }
}
