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
    /// <param name="manifest">The slim folder's vocabtrim.json (<see cref="KeptIdMap.ReadManifest"/>).</param>
    public static void Verify(string originalFolder, string slimFolder, TrimManifest manifest,
        CancellationToken cancel = default)
    {
        foreach (var (name, recorded) in manifest.Source.Files)
        {
            var path = Path.Combine(originalFolder, name);
            if (!File.Exists(path))
                throw new ValidationException(
                    $"--original {originalFolder} has no {name}, which {slimFolder} was made from: is it the "
                    + "right original?");
            // Through the file, not FileInfo: a Hugging Face cache snapshot holds symlinks, whose own length is the
            // link's.
            long length;
            using (var stream = File.OpenRead(path)) length = stream.Length;
            if (length != recorded.Bytes)
                throw new ValidationException(
                    $"{path} is {length:N0} bytes, but {slimFolder} was made from a {name} of {recorded.Bytes:N0} "
                    + "bytes: is --original the model it was trimmed from?");
            var digest = FileDigest.Of(path, cancel);
            if (!string.Equals(digest.Sha256, recorded.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new ValidationException(
                    $"{path} has sha256 {digest.Sha256}, but {slimFolder} was made from a {name} with sha256 "
                    + $"{recorded.Sha256}: is --original the model it was trimmed from?");
        }
    }
}
