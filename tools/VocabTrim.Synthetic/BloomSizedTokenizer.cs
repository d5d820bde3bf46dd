using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Synthetic;

/// <summary>
/// A BLOOM-format tokenizer.json of BLOOM's size (250,680 tokens) for benchmarks, since BLOOM's own file is not to
/// be had here: byte-level BPE trained on the given sentences as far as they carry (pairs seen at least twice), then
/// grown to the full size with tokens that are the concatenation of two existing ones but have no merge, so no text
/// ever produces them. Counting, selection and trimming then see BLOOM's vocabulary size and a real merge table.
/// </summary>
public static class BloomSizedTokenizer
{
    public const int BloomTokens = 250_680;

    /// <returns>The tokenizer.json text and how many of its tokens come from merges.</returns>
    public static (string Json, int MergedTokens) Build(IEnumerable<string> sentences, int totalTokens = BloomTokens,
        ulong seed = 20250680)
    {
        var (trained, merges) = BpeTrainer.Train(sentences, totalTokens);
        var tokens = new List<string>(trained);
        var taken = new HashSet<string>(tokens, StringComparer.Ordinal);
        var random = new SplitMix64(seed);
        var first = BloomFormat.SpecialTokens.Count;
        while (tokens.Count < totalTokens)
        {
            var a = tokens[first + (int)(random.Next() % (ulong)(trained.Count - first))];
            var b = tokens[first + (int)(random.Next() % (ulong)(trained.Count - first))];
            if (taken.Add(a + b)) tokens.Add(a + b);
        }
        return (BloomFormat.Write(tokens, merges), merges.Count);
    }
}
