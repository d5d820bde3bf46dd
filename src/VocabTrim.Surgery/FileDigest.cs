using System.Security.Cryptography;

namespace VocabTrim.Surgery;

/// <summary>A file's size and sha256, as vocabtrim.json records the original model's files.</summary>
public sealed record FileDigest(long Bytes, string Sha256)
{
    public static FileDigest Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return new FileDigest(stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    public static string Sha256Of(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
