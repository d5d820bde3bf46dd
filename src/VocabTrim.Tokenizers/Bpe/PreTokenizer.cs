using System.Text.Json;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// The <c>pre_tokenizer</c> stage: zero or more <c>Split</c>s applied in order, optionally followed
/// by <c>ByteLevel</c>, which may put a space before each piece, may split it with GPT-2's pattern,
/// and turns each piece's UTF-8 bytes into byte-level characters.
/// </summary>
public sealed class PreTokenizer
{
    public IReadOnlyList<SplitPreTokenizer> Splits { get; }

    /// <summary>Whether the last stage is <c>ByteLevel</c>.</summary>
    public bool ByteLevel { get; }

    /// <summary>
    /// <c>ByteLevel.add_prefix_space</c>: a space is put before every piece that does not start with one.
    /// </summary>
    public bool AddPrefixSpace { get; }

    /// <summary><c>ByteLevel.use_regex</c>: each piece is split with GPT-2's pattern.</summary>
    public bool Gpt2Split { get; }

    public PreTokenizer(
        IReadOnlyList<SplitPreTokenizer> splits, bool byteLevel, bool addPrefixSpace, bool gpt2Split = false)
    {
        Splits = splits;
        ByteLevel = byteLevel;
        AddPrefixSpace = addPrefixSpace;
        Gpt2Split = gpt2Split;
    }

    public static PreTokenizer Parse(JsonElement root, string path)
    {
        if (JsonRead.IsNull(root, "pre_tokenizer")) return new PreTokenizer([], false, false);
        var json = root.GetProperty("pre_tokenizer");
        var stages = new List<(JsonElement Json, string Path)>();
        if (JsonRead.TypeOf(json, path) == "Sequence")
        {
            var items = JsonRead.Required(json, "pretokenizers", path);
            var i = 0;
            foreach (var item in items.EnumerateArray()) stages.Add((item, $"{path}.pretokenizers[{i++}]"));
        }
        else
        {
            stages.Add((json, path));
        }
        var splits = new List<SplitPreTokenizer>();
        bool byteLevel = false, addPrefixSpace = false, gpt2Split = false;
        foreach (var (stage, at) in stages)
        {
            if (byteLevel)
                throw new TokenizerFormatException(
                    at, "only ByteLevel may come last: stages after it are not supported");
            var type = JsonRead.TypeOf(stage, at);
            switch (type)
            {
                case "Split":
                    splits.Add(SplitPreTokenizer.Parse(stage, at));
                    break;
                case "ByteLevel":
                    gpt2Split = JsonRead.Bool(stage, "use_regex", at, true);
                    byteLevel = true;
                    addPrefixSpace = JsonRead.Bool(stage, "add_prefix_space", at, true);
                    break;
                default:
                    throw new TokenizerFormatException(
                        $"{at}.type", $"pre-tokenizer '{type}' is not supported (Split, ByteLevel, Sequence of them)");
            }
        }
        return new PreTokenizer(splits, byteLevel, addPrefixSpace, gpt2Split);
    }

    /// <summary>
    /// Replaces the pieces in <paramref name="pieces"/> by their splits, using <paramref name="scratch"/>.
    /// </summary>
    internal void Split(
        ReadOnlySpan<char> text, List<TextSlice> pieces, List<TextSlice> scratch, List<(int, int)> matches)
    {
        foreach (var split in Splits)
        {
            scratch.Clear();
            foreach (var p in pieces) split.Split(text, p, scratch, matches);
            pieces.Clear();
            pieces.AddRange(scratch);
        }
    }
}
