using System.IO.Compression;
using System.Text;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Support;

/// <summary>
/// Model folders for trimming tests, made in a temporary folder from the shared reference checkpoints by
/// symbolic links (never copies in the repo), so that one route (safetensors or pickle) can be chosen.
/// </summary>
internal static class ModelFolder
{
    public const string Safetensors = "model.safetensors";
    public const string Pickle = "pytorch_model.bin";

    /// <summary>
    /// The reference model's configs and tokenizer, plus <paramref name="weights"/> (null: no weights).
    /// </summary>
    public static string Linked(TempDir dir, string reference, string? weights, string? name = null)
    {
        var folder = dir.File(name ?? $"{reference}-{weights ?? "none"}");
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "config.json", "generation_config.json", "spiece.model", weights })
        {
            if (file == null) continue;
            var original = Path.Combine(SharedData.Reference(reference), file);
            if (File.Exists(original)) File.CreateSymbolicLink(Path.Combine(folder, file), original);
        }
        return folder;
    }

    public static string KeptList(string reference) =>
        Path.Combine(SharedData.Reference(reference), $"kept_{reference}.json");

    /// <summary>
    /// The reference pickle rebuilt with one text replacement in data.pkl (storages stored uncompressed, as
    /// torch.save writes them).
    /// </summary>
    public static void WritePatchedPickle(string reference, string destination, string find, string replace)
    {
        using var input = ZipFile.OpenRead(Path.Combine(SharedData.Reference(reference), Pickle));
        using var output = ZipFile.Open(destination, ZipArchiveMode.Create);
        foreach (var entry in input.Entries)
        {
            using var read = entry.Open();
            var bytes = new MemoryStream();
            read.CopyTo(bytes);
            var data = bytes.ToArray();
            if (entry.FullName.EndsWith("/data.pkl", StringComparison.Ordinal))
            {
                var text = Encoding.Latin1.GetString(data);
                text.Should().Contain(find);
                data = Encoding.Latin1.GetBytes(text.Replace(find, replace));
            }
            using var write = output.CreateEntry(entry.FullName, CompressionLevel.NoCompression).Open();
            write.Write(data);
        }
    }
}
