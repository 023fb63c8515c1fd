using System.CommandLine;
using SdfLearn.Cli.Commands;

// sdflearn: train and explore SDF models of MNIST digits. With no command it runs the whole experiment (`run`).
var root = new RootCommand("SdfLearn sample app: VAEs and DeepSDF autoencoders of MNIST signed distance fields, from scratch in .NET.")
{
    RunCommand.Create(),
    TrainCommand.Create(),
    ReconstructCommand.Create(),
    SampleCommand.Create(),
    InterpolateCommand.Create(),
    MontageCommand.Create(),
    RenderCommand.Create(),
    FitLatentCommand.Create(),
    LatentStudyCommand.Create(),
};
var download = new Option<bool>("--download")
{
    Description = "Download missing MNIST files (about 11 MB, checked by SHA-256) into the cache; without it nothing reaches the network.",
    Recursive = true,
};
root.Options.Add(download);
var parsed = root.Parse(args.Length == 0 ? ["run"] : args);
SdfLearn.Cli.Experiments.DataLoading.AllowDownload = parsed.GetValue(download);
try
{
    // Our handler below prints one clear line instead of System.CommandLine's stack trace.
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or NotSupportedException
    or SdfLearn.Nn.Training.TrainingDivergedException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
