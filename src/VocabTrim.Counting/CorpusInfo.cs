using System.Security.Cryptography;

namespace VocabTrim.Counting;

/// <summary>Which corpus a language was counted on: enough to tell later whether it changed.</summary>
public sealed record CorpusInfo(string Path, string Description, long SizeBytes, string Sha256)
{
    /// <summary>Describes the corpus file at <paramref name="path"/> (full path, size and SHA-256 of its bytes).</summary>
    public static CorpusInfo OfFile(string path, string description)
    {
        var full = System.IO.Path.GetFullPath(path);
        using var stream = File.OpenRead(full);
        var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new CorpusInfo(full, description, stream.Length, sha);
    }
}
