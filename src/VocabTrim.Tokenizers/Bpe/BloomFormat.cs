using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// Writes a <c>tokenizer.json</c> laid out as BLOOM's: the special tokens <c>&lt;unk&gt; &lt;s&gt;
/// &lt;/s&gt; &lt;pad&gt;</c> at ids 0–3, no normalizer, BLOOM's regex split then ByteLevel,
/// ByteLevel post-processor and decoder.
/// </summary>
public static class BloomFormat
{
    /// <summary>BLOOM's split pattern, written for Oniguruma (its inner brackets are a nested class).</summary>
    public const string SplitPattern = " ?[^(\\s|[.,!?…。，、।۔،])]+";

    public static IReadOnlyList<string> SpecialTokens { get; } = ["<unk>", "<s>", "</s>", "<pad>"];

    internal static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <param name="tokens">The whole vocabulary in id order, special tokens included.</param>
    /// <param name="mergesAsPairs">
    /// Write merges as <c>["a","b"]</c> (newer files) instead of BLOOM's <c>"a b"</c>.
    /// </param>
    public static string Write(IReadOnlyList<string> tokens, IReadOnlyList<BpeMerge> merges, bool mergesAsPairs = false)
    {
        var vocab = new JsonObject();
        for (var i = 0; i < tokens.Count; i++) vocab[tokens[i]] = i;
        var mergeArray = new JsonArray();
        foreach (var m in merges)
            mergeArray.Add(mergesAsPairs ? new JsonArray(m.Left, m.Right) : JsonValue.Create($"{m.Left} {m.Right}"));
        var added = new JsonArray();
        foreach (var special in SpecialTokens)
        {
            var id = tokens.ToList().IndexOf(special);
            if (id < 0)
                throw new ArgumentException($"the vocabulary lacks the special token {special}", nameof(tokens));
            added.Add(new JsonObject
            {
                ["id"] = id, ["content"] = special, ["single_word"] = false, ["lstrip"] = false,
                ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
            });
        }
        var root = new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = added,
            ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["pretokenizers"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "Split", ["pattern"] = new JsonObject { ["Regex"] = SplitPattern },
                        ["behavior"] = "Isolated", ["invert"] = false,
                    },
                    new JsonObject
                    {
                        ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true,
                        ["use_regex"] = false,
                    }),
            },
            ["post_processor"] = new JsonObject
            {
                ["type"] = "ByteLevel", ["add_prefix_space"] = true, ["trim_offsets"] = false,
            },
            ["decoder"] = new JsonObject
            {
                ["type"] = "ByteLevel", ["add_prefix_space"] = true, ["trim_offsets"] = true,
            },

            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = null, ["continuing_subword_prefix"] = null,
                ["end_of_word_suffix"] = null, ["fuse_unk"] = false, ["vocab"] = vocab, ["merges"] = mergeArray,
            },
        };
        return root.ToJsonString(WriteOptions);
    }
}
