using System.Security.Cryptography;
using VocabTrim.TestSupport;

namespace VocabTrim.Hub.Tests;

/// <summary>
/// Writes a cache entry by hand the way huggingface_hub lays it out (refs file with the bare hash, blobs named by
/// sha256, relative symlinks in the snapshot), from the files of shared/reference/mt5-tiny, so that reading the
/// cache is tested independently of vocabtrim's own downloader.
/// </summary>
internal static class PythonWrittenCache
{
    public const string Commit = "0123456789abcdef0123456789abcdef01234567";

    public static string Write(string cacheDir, string repoId, string? branch = "main", params string[] files)
    {
        files =
            files.Length > 0 ? files : ["config.json", "generation_config.json", "model.safetensors", "spiece.model"];
        var repo = Path.Combine(cacheDir, "models--" + repoId.Replace("/", "--", StringComparison.Ordinal));
        var snapshot = Path.Combine(repo, "snapshots", Commit);
        Directory.CreateDirectory(Path.Combine(repo, "blobs"));
        Directory.CreateDirectory(snapshot);
        if (branch != null)
        {
            Directory.CreateDirectory(Path.Combine(repo, "refs"));
            File.WriteAllText(Path.Combine(repo, "refs", branch), Commit);
        }
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(SharedData.Reference("mt5-tiny"), file));
            var blob = Convert.ToHexStringLower(SHA256.HashData(bytes));
            File.WriteAllBytes(Path.Combine(repo, "blobs", blob), bytes);
            File.CreateSymbolicLink(Path.Combine(snapshot, file), $"../../blobs/{blob}");
        }
        return snapshot;
    }
}
