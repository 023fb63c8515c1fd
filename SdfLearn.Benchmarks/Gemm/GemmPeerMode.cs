using System.Globalization;
using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Benchmarks;

/// <summary>
/// `gemm-peer`: a line protocol that lets scripts/bench/gemm_peer.py time SdfLearn's sgemm side by side with
/// numpy/OpenBLAS in one run. Each request line is <c>m n k transposeA transposeB threads seconds</c> (flags 0/1);
/// the reply is <c>median_seconds calls cpu_seconds_per_call</c>: the median wall time of single calls repeated
/// for about that many seconds after a warm-up call, and the process CPU time per call over them (robust to other
/// processes competing for the cores). An empty line or end of input ends the mode.
/// </summary>
internal static class GemmPeerMode
{
    public static void Run(TextReader input, TextWriter output) => PeerProtocol.Serve(input, output, Measure);

    private static string Measure(string request)
    {
        string[] fields = request.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 7) return "error expected: m n k transposeA transposeB threads seconds";
        int m = int.Parse(fields[0], CultureInfo.InvariantCulture);
        int n = int.Parse(fields[1], CultureInfo.InvariantCulture);
        int k = int.Parse(fields[2], CultureInfo.InvariantCulture);
        bool transposeA = fields[3] == "1";
        bool transposeB = fields[4] == "1";
        ComputeThreads.MaxThreads = int.Parse(fields[5], CultureInfo.InvariantCulture);
        double budget = double.Parse(fields[6], CultureInfo.InvariantCulture);

        (float[] a, float[] b, float[] c) = GemmOperands.Create(m, n, k);

        var (median, calls, cpuPerCall) = PeerProtocol.Time(() => Gemm.Multiply<float>(a, transposeA, b, transposeB, c, m, n, k), budget);
        return string.Create(CultureInfo.InvariantCulture, $"{median:R} {calls} {cpuPerCall:R}");
    }
}
