using System.Diagnostics;
using System.Globalization;
using SdfLearn.Core;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Benchmarks.Data;

/// <summary>
/// Console entries for the data pipeline, dispatched from Program.cs:
/// <c>sdf-peer --count N [--resolution S] [--threads T] [--repeat R]</c> times preprocessing N digits (the bundled
/// sample repeated) as scripts/bench/sdf-vs-scipy.sh expects; <c>montage [--count 16] [--out digits.png]</c> draws
/// the fields of the first evaluation digits.
/// </summary>
public static class DataCommands
{
    /// <summary>Runs a data command if <paramref name="args"/> names one; returns false otherwise.</summary>
    public static bool TryRun(string[] args)
    {
        if (args.Length == 0) return false;
        switch (args[0])
        {
            case "sdf-peer":
                SdfPeer(args);
                return true;
            case "montage":
                Montage(args);
                return true;
            default:
                return false;
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static void SdfPeer(string[] args)
    {
        int count = Option(args, "--count", 70_000);
        int resolution = Option(args, "--resolution", 64);
        int repeat = Option(args, "--repeat", 3);
        ComputeThreads.MaxThreads = Option(args, "--threads", Environment.ProcessorCount);
        var images = RepeatedSample(count);
        var options = new SdfOptions { Resolution = resolution };
        SdfPreprocessor.Transform(images.Slice(0, Math.Min(count, 500)), options); // JIT warm-up
        double best = double.MaxValue, bestCpu = double.MaxValue;
        float checksum = 0;
        using var process = Process.GetCurrentProcess();
        for (int r = 0; r < repeat; r++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var fields = SdfPreprocessor.Transform(images, options);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
            checksum = fields.Sum();
        }
        // CPU seconds (all threads) are less disturbed than wall time when other work shares the cores.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sdflearn digits={count} S={resolution} threads={ComputeThreads.MaxThreads} seconds={best:F3} cpu-seconds={bestCpu:F3} checksum={checksum:F3}"));
    }

    /// <summary>The bundled sample repeated to <paramref name="count"/> digits (stands in for full MNIST).</summary>
    private static IdxImages RepeatedSample(int count)
    {
        var sample = MnistSample.Load(SampleFolder.Path).Images;
        var pixels = new byte[(long)count * sample.ImageSize];
        for (long offset = 0; offset < pixels.Length; offset += sample.Pixels.Length)
            sample.Pixels.AsSpan(0, (int)Math.Min(sample.Pixels.Length, pixels.Length - offset)).CopyTo(pixels.AsSpan((int)offset));
        return new IdxImages(pixels, count, sample.Rows, sample.Columns);
    }

    private static void Montage(string[] args)
    {
        int count = Option(args, "--count", 16);
        int at = Array.IndexOf(args, "--out");
        string output = at >= 0 && at + 1 < args.Length ? args[at + 1] : "digits.png";
        var data = MnistSdf.Load(new MnistSdfOptions { Source = new MnistSourceOptions { SampleDirectory = SampleFolder.Path } });
        string source = data.Test is null ? $"validation digits ({data.Digits.Origin})" : "test digits (MNIST t10k)";
        SdfMontage.FromDataset(data.Evaluation, count, title: $"MNISTSDF {source}, S = {data.Evaluation.Resolution}").SavePng(output);
        Console.WriteLine($"wrote {Path.GetFullPath(output)}");
    }
}
