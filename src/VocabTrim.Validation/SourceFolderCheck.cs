using System.Text.Json;
using VocabTrim.Common;
using VocabTrim.Surgery;

namespace VocabTrim.Validation;

/// <summary>
/// Whether the original folder is the one the slim folder was made from: vocabtrim.json records the size and
/// sha256 of every original file trimming read, and each must match (a slim folder run against another model
/// would otherwise fail deep inside libtorch, or pass for the wrong reason). Sizes are compared first; each
/// file is hashed at most once.
/// </summary>
public static class SourceFolderCheck
{
    public static void Verify(string originalFolder, string slimFolder, CancellationToken cancel = default)
    {
        var manifest = Path.Combine(slimFolder, TrimManifest.FileName);
        using var doc = KeptIdMap.ReadManifest(manifest);
        if (!doc.RootElement.TryGetProperty("source", out var source) || !source.TryGetProperty("files", out var files)
            || files.ValueKind != JsonValueKind.Object)
            throw new ValidationException(
                $"{manifest}: $.source.files is missing: it does not say which original it was made from (trim the "
                + "model again)");
        foreach (var file in files.EnumerateObject())
        {
            var where = $"{manifest}: $.source.files['{file.Name}']";
            if (file.Value.ValueKind != JsonValueKind.Object
                || !file.Value.TryGetProperty("bytes", out var bytesElement) || !bytesElement.TryGetInt64(out var bytes)
                || !file.Value.TryGetProperty("sha256", out var shaElement)
                || shaElement.ValueKind != JsonValueKind.String)
                throw new ValidationException($"{where}: expected {{\"bytes\": N, \"sha256\": \"…\"}}");
            var path = Path.Combine(originalFolder, file.Name);
            if (!File.Exists(path))
                throw new ValidationException(
                    $"--original {originalFolder} has no {file.Name}, which {slimFolder} was made from: is it the "
                    + "right original?");
            // Through the file, not FileInfo: a Hugging Face cache snapshot holds symlinks, whose own length is the
            // link's.
            long length;
            using (var stream = File.OpenRead(path)) length = stream.Length;
            if (length != bytes)
                throw new ValidationException(
                    $"{path} is {length:N0} bytes, but {slimFolder} was made from a {file.Name} of {bytes:N0} bytes: "
                    + "is --original the model it was trimmed from?");
            var digest = FileDigest.Of(path, cancel);
            if (!string.Equals(digest.Sha256, shaElement.GetString(), StringComparison.OrdinalIgnoreCase))
                throw new ValidationException(
                    $"{path} has sha256 {digest.Sha256}, but {slimFolder} was made from a {file.Name} with sha256 "
                    + $"{shaElement.GetString()}: is --original the model it was trimmed from?");
        }
    }
}
