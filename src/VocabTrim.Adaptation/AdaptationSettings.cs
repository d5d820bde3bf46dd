using VocabTrim.Counting;

namespace VocabTrim.Adaptation;

/// <summary>What a run needs besides its recipe: where to write, and how to use this machine.</summary>
/// <param name="Overwrite">Replace an existing output folder (atomically, once the new one is complete).</param>
/// <param name="CountsCache">Counts kept between runs; null counts every time.</param>
/// <param name="Threads">Counting threads; 0: all cores.</param>
public sealed record AdaptationSettings(string OutputFolder, bool Overwrite = false, CountsCache? CountsCache = null,
    int Threads = 0);
