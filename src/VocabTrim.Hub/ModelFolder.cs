using System.Text.Json;

namespace VocabTrim.Hub;

/// <summary>
/// Which files make a Hugging Face model folder that vocabtrim can work on, and whether a folder has them.
/// </summary>
public static class ModelFolder
{
    public const string ConfigFileName = "config.json";

    /// <summary>
    /// Weight files in the order transformers prefers them (the same list as <c>VocabTrim.Checkpoints.Checkpoint</c>).
    /// </summary>
    public static IReadOnlyList<string> WeightFileNames { get; } =
        ["model.safetensors", "model.safetensors.index.json", "pytorch_model.bin", "pytorch_model.bin.index.json"];

    /// <summary>Downloaded when the repository has them: configuration, tokenizer and the model card.</summary>
    public static IReadOnlyList<string> SupportFileNames { get; } =
    [
        ConfigFileName, "generation_config.json",
        "spiece.model", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
        "README.md",
    ];

    /// <summary>
    /// From a repository's file list, the files to download: the support files it has and one weight format
    /// (the first of <see cref="WeightFileNames"/> present). For a sharded format this is the index; its
    /// shards are read from it with <see cref="ShardsOf"/>.
    /// </summary>
    /// <exception cref="HubException">No config.json or no weights in a known format.</exception>
    public static IReadOnlyList<string> SelectFiles(string repoId, IReadOnlyCollection<string> repoFiles)
    {
        var present = repoFiles.ToHashSet(StringComparer.Ordinal);
        if (!present.Contains(ConfigFileName))
            throw new HubException($"{repoId}: not a transformers model: the repository has no {ConfigFileName}");
        var weights = WeightFileNames.FirstOrDefault(present.Contains)
            ?? throw new HubException(
                $"{repoId}: the repository has no model weights vocabtrim reads (looked for "
                + $"{string.Join(", ", WeightFileNames)})");
        return [.. SupportFileNames.Where(present.Contains), weights];
    }

    public static bool IsIndex(string fileName) => fileName.EndsWith(".index.json", StringComparison.Ordinal);

    /// <summary>
    /// The shard files a <c>*.index.json</c> names in its <c>weight_map</c>, each once, in first-use order.
    /// </summary>
    /// <exception cref="HubException">
    /// The index is not JSON with a <c>weight_map</c> of file names inside the folder.
    /// </exception>
    public static IReadOnlyList<string> ShardsOf(string indexPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            if (!document.RootElement.TryGetProperty("weight_map", out var map)
                || map.ValueKind != JsonValueKind.Object)
                throw new HubException(
                    $"{indexPath}: $.weight_map: expected an object mapping tensor names to shard files");
            var shards = new List<string>();
            foreach (var entry in map.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.String || !IsSafeRelativeName(entry.Value.GetString()!))
                    throw new HubException(
                        $"{indexPath}: $.weight_map['{entry.Name}']: expected a shard file name inside the "
                        + "model folder");
                if (!shards.Contains(entry.Value.GetString()!)) shards.Add(entry.Value.GetString()!);
            }
            return shards;
        }
        catch (JsonException e)
        {
            throw new HubException($"{indexPath}: not valid JSON ({e.Message})", e);
        }
    }

    /// <summary>
    /// What <paramref name="folder"/> lacks to be a model folder (config.json, weights, shards an index names),
    /// or null when it has everything.
    /// </summary>
    public static string? Missing(string folder)
    {
        if (!File.Exists(Path.Combine(folder, ConfigFileName))) return ConfigFileName;
        var weights = WeightFileNames.FirstOrDefault(name => File.Exists(Path.Combine(folder, name)));
        if (weights == null) return $"model weights ({string.Join(", ", WeightFileNames)})";
        if (!IsIndex(weights)) return null;
        var missing = ShardsOf(Path.Combine(folder, weights)).Where(shard => !File.Exists(Path.Combine(folder, shard)))
            .ToList();
        return missing.Count == 0 ? null : $"shards of {weights}: {string.Join(", ", missing)}";
    }

    /// <summary>
    /// A repository path that stays inside the folder: no empty, <c>.</c> or <c>..</c> segments, not rooted.
    /// </summary>
    internal static bool IsSafeRelativeName(string name) =>
        name.Length > 0 && !name.Contains('\\') && !Path.IsPathRooted(name)
        && name.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");
}
