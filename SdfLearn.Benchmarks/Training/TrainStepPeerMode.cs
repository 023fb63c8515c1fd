using System.Diagnostics;
using System.Globalization;
using SdfLearn.Autodiff;
using SdfLearn.Core;

namespace SdfLearn.Benchmarks.Training;

/// <summary>
/// <c>train-step-peer [--models vae,deepsdf-ae,deepsdf-eikonal] [--warmup W] [--reps R] [--threads N] [--profile]</c>: the SdfLearn side
/// of scripts/bench/train-step-vs-pytorch.sh. Prints <c>&lt;name&gt; &lt;median seconds per step&gt;</c> per model,
/// exactly as train_step_peer.py does (the inference case <c>deepsdf-infer</c>: seconds per call). With <c>--profile</c>,
/// each model is followed by comment lines (<c>#</c>) giving
/// the median time of each phase of a step (forward, zero-grad, backward, Adam), the memory allocated per step (the
/// median over steps, and the mean) and the types that allocate it (sampled, <see cref="AllocationSampler"/>).
/// </summary>
internal static class TrainStepPeerMode
{
    /// <summary>Runs the mode if <paramref name="args"/> ask for it; false otherwise.</summary>
    public static bool TryRun(string[] args)
    {
        if (args is not ["train-step-peer", .. var options]) return false;
        var (models, warmup, reps, threads, profile) = Parse(options);
        int savedThreads = ComputeThreads.MaxThreads;
        ComputeThreads.MaxThreads = threads;
        try
        {
            foreach (string name in models)
            {
                var step = TrainingStep.Create(name);
                for (int i = 0; i < warmup; i++) step.Run();
                if (profile && !step.IsInference) PrintPhases(step, reps);
                else Console.WriteLine(Invariant($"{name} {Median(reps, step.Run):F6}"));
                Console.Out.Flush();
            }
        }
        finally
        {
            ComputeThreads.MaxThreads = savedThreads;
        }
        return true;
    }

    private static (string[] Models, int Warmup, int Reps, int Threads, bool Profile) Parse(string[] options)
    {
        string[] models = [.. TrainingStep.Names];
        int warmup = 2, reps = 5, threads = 2;
        bool profile = false;
        for (int i = 0; i < options.Length; i++)
        {
            string Value() => i + 1 < options.Length ? options[++i] : throw new ArgumentException($"train-step-peer: {options[i]} needs a value.");
            int Count()
            {
                string option = options[i], value = Value();
                return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) ? count
                    : throw new ArgumentException($"train-step-peer: {option} takes a whole number; got '{value}'.");
            }
            switch (options[i])
            {
                case "--models": models = Value().Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                case "--warmup": warmup = Count(); break;
                case "--reps": reps = Count(); break;
                case "--threads": threads = Count(); break;
                case "--profile": profile = true; break;
                default:
                    throw new ArgumentException(
                        $"train-step-peer: unknown option '{options[i]}'; expected --models a,b --warmup W --reps R --threads N --profile.");
            }
        }
        if (reps < 1 || warmup < 0 || threads < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "train-step-peer: --reps and --threads must be at least 1, --warmup at least 0.");
        return (models, warmup, reps, threads, profile);
    }

    /// <summary>The whole step's median and, per phase, the median over the same steps, as a share of the step.</summary>
    private static void PrintPhases(TrainingStep step, int reps)
    {
        string[] phases = ["forward", "zero-grad", "backward", "adam"];
        var times = phases.ToDictionary(p => p, _ => new List<double>(reps));
        var totals = new List<double>(reps);
        // The phases' delegates are made once and the lists sized up front, so that the allocation count is the step's own.
        Variable<float>? loss = null;
        Action forward = () => loss = step.Forward(), zeroGrad = step.Optimizer.ZeroGrad,
            backward = () => step.Tape.Backward(loss!), adam = step.Optimizer.Step;
        // Bytes per step, every thread's: the median is the steady state; the mean adds one-off runtime allocations
        // (tiered JIT compilation promotes the step's methods about 30 calls in, on a background thread).
        var allocated = new List<double>(reps);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int collectionsBefore = GC.CollectionCount(0);
        for (int r = 0; r < reps; r++)
        {
            long start = Stopwatch.GetTimestamp(), stepBefore = GC.GetTotalAllocatedBytes(precise: true);
            Time(times["forward"], forward);
            Time(times["zero-grad"], zeroGrad);
            Time(times["backward"], backward);
            Time(times["adam"], adam);
            totals.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - stepBefore);
        }
        double meanKilobytes = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (reps * 1e3);
        double cpuSeconds = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds / reps;
        int collections = GC.CollectionCount(0) - collectionsBefore;
        // The types come from a second run of as many steps: the sampler's own event objects stay out of the count above.
        using var sampler = new AllocationSampler();
        sampler.Start();
        for (int r = 0; r < reps; r++) step.Run();
        var allocatedTypes = sampler.Stop();
        double total = MedianOf(totals);
        Console.WriteLine(Invariant($"{step.Name} {total:F6}"));
        Console.WriteLine(Invariant($"#   cpu {cpuSeconds:F6} s per step (process CPU time of all threads: less disturbed by other processes than the wall time)"));
        Console.WriteLine(Invariant($"#   allocated {MedianOf(allocated) / 1e3:F2} KB per step (median; mean {meanKilobytes:F2} KB with one-off runtime allocations), {collections} gen-0 collections in {reps} steps"));
        foreach (var (type, bytes) in allocatedTypes.Take(8))
            Console.WriteLine(Invariant($"#     sampled ~{bytes / (reps * 1e3),7:F1} KB per step  {type}"));
        foreach (string phase in phases)
        {
            double median = MedianOf(times[phase]);
            Console.WriteLine(Invariant($"#   {phase,-10} {median:F6} s  {100 * median / total,5:F1} %"));
        }
    }

    private static void Time(List<double> samples, Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        samples.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    private static double Median(int reps, Action action)
    {
        var samples = new List<double>(reps);
        for (int r = 0; r < reps; r++) Time(samples, action);
        return MedianOf(samples);
    }

    /// <summary>The upper median (element n / 2 of the sorted samples), as train_step_peer.py takes it.</summary>
    private static double MedianOf(List<double> samples)
    {
        samples.Sort();
        return samples[samples.Count / 2];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
