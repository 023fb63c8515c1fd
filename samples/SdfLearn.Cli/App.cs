using System.CommandLine;
using System.Text.Json;
using SdfLearn.Cli.Commands;
using SdfLearn.Cli.Experiments;
using SdfLearn.Core.Distributed;
using SdfLearn.Nn.Training;
using Spectre.Console;

namespace SdfLearn.Cli;

/// <summary>
/// sdflearn: train and explore SDF models of MNIST digits. With no command (no arguments, or options alone, such as
/// <c>--full</c>) it runs the whole experiment (<c>run</c>).
/// Bad input ends with one line on the error stream and exit code 1, never a stack trace. Under <c>mpirun</c>,
/// <c>train</c>, <c>run</c>, <c>train-shapes</c> and <c>fit-mesh</c> train data-parallel (see <see cref="Job"/>): rank 0
/// alone prints and writes, and an error on any rank ends the job.
/// </summary>
public static class App
{
    /// <summary>Parses and runs a command line; returns the exit code (0 done, 1 error, 130 interrupted).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="error">Where errors go (default the console's error stream).</param>
    public static int Run(string[] args, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        error ??= Console.Error;
        var root = new RootCommand("SdfLearn sample app: VAEs and DeepSDF autoencoders of MNIST signed distance fields, from scratch in .NET.")
        {
            RunCommand.Create(),
            TrainCommand.Create(),
            ReconstructCommand.Create(),
            EvaluateCommand.Create(),
            SampleCommand.Create(),
            InterpolateCommand.Create(),
            MontageCommand.Create(),
            RenderCommand.Create(),
            FitLatentCommand.Create(),
            LatentStudyCommand.Create(),
            FitPointsCommand.Create(),
            FitMeshCommand.Create(),
            TrainShapesCommand.Create(),
            InterpolateShapesCommand.Create(),
        };
        var download = new Option<bool>("--download")
        {
            Description = "Download missing MNIST files (about 11 MB, checked by SHA-256) into the cache; without it nothing reaches the network.",
            Recursive = true,
        };
        root.Options.Add(download);
        var parsed = root.Parse(StartsWithCommand(args) ? args : ["run", .. args]);
        Experiments.DataLoading.AllowDownload = parsed.GetValue(download);
        if (parsed.Action is System.CommandLine.Invocation.ParseErrorAction parseError)
            parseError.ShowHelp = false; // the error line alone says what is wrong; --help shows the rest
        ICommunicator communicator;
        try
        {
            communicator = Communicator.Create();
        }
        catch (MpiException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        Job.Communicator = communicator;
        var standardOutput = Console.Out;
        try
        {
            string command = parsed.CommandResult.Command.Name;
            if (communicator.Size > 1 && !DataParallelCommands.Contains(command))
                throw new ArgumentException($"Under mpirun only {string.Join(", ", DataParallelCommands.Select(c => $"'{c}'"))} spread their work over the ranks; run '{command}' as one process, without mpirun.");
            if (!Job.Leads)
            {
                // Rank 0 alone reports progress and results; the others' errors still reach the error stream.
                AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
                Console.SetOut(TextWriter.Null);
            }
            // Our handler below prints one clear line instead of System.CommandLine's stack trace.
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Error = error });
        }
        catch (OperationCanceledException)
        {
            // A command that keeps no checkpoint (fit-mesh, train-shapes) stopped by a signal: the exit code a shell gives SIGINT.
            // Under mpirun the fitters throw this on every rank after the same step (the ranks agree on a stop in their
            // exchange), so all reach MPI_Finalize below.
            if (Job.Leads) error.WriteLine("stopped: interrupted before the output was written.");
            return 130;
        }
        catch (Exception e) when (communicator.Size > 1)
        {
            // The other ranks may be waiting for this one in a collective: end the whole job rather than leave them hanging.
            // Bad input fails on every rank alike: the others give rank 0 a moment to be the one that reports it.
            if (!Job.Leads) Thread.Sleep(TimeSpan.FromSeconds(1));
            communicator.Abort($"error: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or NotSupportedException or JsonException
            or KeyNotFoundException or FormatException or TrainingDivergedException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        finally
        {
            if (!Job.Leads) Console.SetOut(standardOutput);
            Job.Communicator = SingleProcessCommunicator.Instance;
            communicator.Dispose();
        }
    }

    /// <summary>The commands that train data-parallel under mpirun; the others refuse to run there.</summary>
    private static readonly string[] DataParallelCommands = ["train", "run", "train-shapes", "fit-mesh"];

    /// <summary>Whether the arguments name a command (or ask the root for help or its version) rather than giving <c>run</c>'s options alone.</summary>
    private static bool StartsWithCommand(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h" or "-?" or "/?" or "/h" or "--version");
}
