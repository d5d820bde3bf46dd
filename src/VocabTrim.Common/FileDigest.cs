using System.Buffers;
using System.Security.Cryptography;

namespace VocabTrim.Common;

/// <summary>A file's size and sha256, as vocabtrim.json records the original model's files.</summary>
public sealed record FileDigest(long Bytes, string Sha256)
{
    public static FileDigest Of(string path, CancellationToken cancel = default)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1,
            FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            // Chunked rather than SHA256.HashData(stream) so that a failed trim can stop hashing gigabytes.
            for (int n; (n = stream.Read(buffer)) > 0;)
            {
                cancel.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, n);
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
        return new FileDigest(stream.Length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public static string Sha256Of(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
