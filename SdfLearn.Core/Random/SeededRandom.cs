using System.Numerics;

namespace SdfLearn.Core;

/// <summary>
/// A small, fast, reproducible random source (xoshiro256** seeded through SplitMix64).
/// The same seed gives the same stream on every machine and .NET version, unlike <see cref="System.Random"/>.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Creates a stream from a seed.</summary>
    public SeededRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is not positive.</exception>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong bound = (ulong)maxExclusive;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            if (r >= threshold) return (int)(r % bound);
        }
    }

    /// <summary>Standard normal (Box-Muller; the second value of each pair is kept for the next call).</summary>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }
        double u1;
        do u1 = NextDouble(); while (u1 <= double.Epsilon);
        double u2 = NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        _spareNormal = radius * Math.Sin(angle);
        _hasSpareNormal = true;
        return radius * Math.Cos(angle);
    }

    /// <summary>Fills <paramref name="destination"/> with values uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public void FillUniform<T>(Span<T> destination, T low, T high) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double lo = double.CreateTruncating(low), width = double.CreateTruncating(high) - lo;
        for (int i = 0; i < destination.Length; i++)
            destination[i] = T.CreateTruncating(lo + width * NextDouble());
    }

    /// <summary>Fills <paramref name="destination"/> with normal values of the given mean and standard deviation.</summary>
    public void FillNormal<T>(Span<T> destination, T mean, T standardDeviation) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double m = double.CreateTruncating(mean), s = double.CreateTruncating(standardDeviation);
        for (int i = 0; i < destination.Length; i++)
            destination[i] = T.CreateTruncating(m + s * NextNormal());
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates).</summary>
    public void Shuffle<TItem>(Span<TItem> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// A stream determined only by <paramref name="seed"/> and a path of keys (e.g. purpose, epoch, batch), so that any
    /// point of a run can be reproduced without replaying what came before it (exact resume mid-epoch).
    /// </summary>
    public static SeededRandom Derive(ulong seed, params ReadOnlySpan<ulong> path)
    {
        var random = new SeededRandom(0);
        random.Reseed(seed, path);
        return random;
    }

    /// <summary>Restarts this generator as the stream <see cref="Derive"/> gives for the same arguments, without allocating.</summary>
    public void Reseed(ulong seed, params ReadOnlySpan<ulong> path)
    {
        ulong state = seed;
        ulong mixed = SplitMix64(ref state);
        foreach (ulong key in path)
        {
            state = mixed ^ (key * 0xD1B54A32D192ED03UL);
            mixed = SplitMix64(ref state);
        }
        _s0 = SplitMix64(ref mixed);
        _s1 = SplitMix64(ref mixed);
        _s2 = SplitMix64(ref mixed);
        _s3 = SplitMix64(ref mixed);
        _hasSpareNormal = false;
    }

    /// <summary>
    /// The generator's full state (for checkpoints): restoring it with <see cref="FromState"/> continues the
    /// stream exactly where it was.
    /// </summary>
    public ulong[] GetState() =>
        [_s0, _s1, _s2, _s3, _hasSpareNormal ? 1UL : 0UL, BitConverter.DoubleToUInt64Bits(_spareNormal)];

    /// <summary>Recreates a generator from <see cref="GetState"/>'s output.</summary>
    /// <exception cref="ArgumentException">The state does not have six words or is all zero.</exception>
    public static SeededRandom FromState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 6)
            throw new ArgumentException($"A SeededRandom state has 6 words, got {state.Length}.", nameof(state));
        if ((state[0] | state[1] | state[2] | state[3]) == 0)
            throw new ArgumentException("A SeededRandom state cannot be all zero.", nameof(state));
        return new SeededRandom(0)
        {
            _s0 = state[0], _s1 = state[1], _s2 = state[2], _s3 = state[3],
            _hasSpareNormal = state[4] != 0, _spareNormal = BitConverter.UInt64BitsToDouble(state[5]),
        };
    }

    /// <summary>
    /// A new, independent stream derived from this one's next output: use one per worker or per purpose
    /// (init, shuffling, noise) so that adding draws in one place does not shift another.
    /// </summary>
    public SeededRandom Fork() => new(NextUInt64());

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
