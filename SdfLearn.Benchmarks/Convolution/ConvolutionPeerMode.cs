using System.Globalization;
using SdfLearn.Core;

namespace SdfLearn.Benchmarks.Convolution;

/// <summary>
/// `conv-peer`: a line protocol that lets scripts/bench/conv_peer.py time SdfLearn's convolution passes side by side
/// with PyTorch in one run, layer by layer, so both see the same machine load. Each request line is
/// <c>layer pass threads seconds</c> (layer: the exact <see cref="ConvLayer.Name"/>, with spaces replaced by '_';
/// pass: Forward, BackwardInput or BackwardWeight); the reply is <c>median_seconds calls cpu_seconds_per_call</c>: the
/// median of single calls repeated for about that many seconds, after a warm-up call, and the process CPU time per call. An empty line or end of input ends the mode.
/// </summary>
internal static class ConvolutionPeerMode
{
    public static void Run(TextReader input, TextWriter output) => PeerProtocol.Serve(input, output, Measure);

    private static string Measure(string request)
    {
        string[] fields = request.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 4) return "error expected: layer pass threads seconds";
        var layer = ConvLayer.Reference.FirstOrDefault(l => l.Name.Replace(' ', '_') == fields[0]);
        if (layer is null) return $"error unknown layer {fields[0]}";
        ComputeThreads.MaxThreads = int.Parse(fields[2], CultureInfo.InvariantCulture);
        double budget = double.Parse(fields[3], CultureInfo.InvariantCulture);

        var buffers = new ConvBuffers(layer);
        Action? pass = fields[1] switch
        {
            "Forward" => buffers.Forward,
            "BackwardInput" => buffers.BackwardInput,
            "BackwardWeight" => buffers.BackwardWeight,
            _ => null,
        };
        if (pass is null) return $"error unknown pass {fields[1]}";

        var (median, calls, cpuPerCall) = PeerProtocol.Time(pass, budget);
        return string.Create(CultureInfo.InvariantCulture, $"{median:R} {calls} {cpuPerCall:R}");
    }
}
