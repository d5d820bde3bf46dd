using VocabTrim.Synthetic;

namespace VocabTrim.DemoAssets;

/// <summary>What <see cref="DemoAssetGenerator.Generate"/> wrote.</summary>
/// <param name="Files">Paths relative to the output root, with '/' separators, in the order written.</param>
public sealed record DemoAssetReport(
    IReadOnlyList<string> Files, Mt5Architecture Architecture, int Pieces, long Parameters);
