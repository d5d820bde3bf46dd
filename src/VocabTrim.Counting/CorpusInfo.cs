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
        // Exactly the bytes the file has: a device such as /dev/zero reports none and would otherwise never end.
        var length = stream.Length;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        for (long left = length; left > 0;)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n == 0) break;
            hash.AppendData(buffer, 0, n);
            left -= n;
        }
        return new CorpusInfo(full, description, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
