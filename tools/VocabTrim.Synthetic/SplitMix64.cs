namespace VocabTrim.Synthetic;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny PRNG defined only by 64-bit integer arithmetic, so the same seed
/// gives the same stream on every machine and .NET version — unlike <see cref="Random"/>, whose algorithm is an
/// implementation detail.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1), on the 2⁻⁵³ grid (exact: 53 bits times a power of two).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A seed for one named stream (a tensor) of a generator seeded with <paramref name="seed"/>.</summary>
    public static ulong SeedFor(ulong seed, string name)
    {
        // FNV-1a over the UTF-8 bytes: stable across processes, unlike string.GetHashCode.
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(name)) hash = (hash ^ b) * 0x100000001B3UL;
        return new SplitMix64(seed ^ hash).Next();
    }
}
