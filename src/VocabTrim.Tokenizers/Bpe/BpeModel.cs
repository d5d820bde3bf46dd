using System.Text.Json;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// The <c>model</c> of a Hugging Face BPE tokenizer: vocabulary, ranked merges and the options that
/// decide what happens to characters outside the vocabulary.
/// </summary>
public sealed class BpeModel
{
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _idsBySpan;
    private readonly Dictionary<long, (int Rank, int NewId)> _merges;

    public IReadOnlyList<string> Tokens { get; }
    public IReadOnlyList<BpeMerge> Merges { get; }
    public string? UnknownToken { get; }
    public int UnknownId { get; } = -1;
    public bool FuseUnknown { get; }
    public bool ByteFallback { get; }
    public bool IgnoreMerges { get; }
    public string? ContinuingSubwordPrefix { get; }
    public string? EndOfWordSuffix { get; }

    public int VocabSize => Tokens.Count;

    public BpeModel(IReadOnlyList<string> tokens, IReadOnlyList<BpeMerge> merges, string? unknownToken = null,
        bool fuseUnknown = false, bool byteFallback = false, bool ignoreMerges = false,
        string? continuingSubwordPrefix = null, string? endOfWordSuffix = null, string path = "model")
    {
        Tokens = tokens;
        Merges = merges;
        FuseUnknown = fuseUnknown;
        ByteFallback = byteFallback;
        IgnoreMerges = ignoreMerges;
        ContinuingSubwordPrefix = continuingSubwordPrefix;
        EndOfWordSuffix = endOfWordSuffix;
        _ids = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
            if (!_ids.TryAdd(tokens[i], i))
                throw new TokenizerFormatException($"{path}.vocab", $"token '{tokens[i]}' appears twice");
        _idsBySpan = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        if (unknownToken != null)
        {
            UnknownToken = unknownToken;
            UnknownId = _ids.TryGetValue(unknownToken, out var u) ? u
                : throw new TokenizerFormatException($"{path}.unk_token", $"'{unknownToken}' is not in {path}.vocab");
        }
        var prefixLength = continuingSubwordPrefix?.Length ?? 0;
        _merges = new Dictionary<long, (int, int)>(merges.Count, PairKeyComparer.Instance);
        for (var rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = (merges[rank].Left, merges[rank].Right);
            // With a continuing-subword prefix the right part carries it and the merged token keeps only the left's.
            var prefixed = prefixLength > 0 && right.StartsWith(continuingSubwordPrefix!, StringComparison.Ordinal);
            var result = left + (prefixed ? right[prefixLength..] : right);


            var a = IdOrThrow(left, $"{path}.merges[{rank}]");
            var b = IdOrThrow(right, $"{path}.merges[{rank}]");
            var ab = IdOrThrow(result, $"{path}.merges[{rank}]");
            // Later duplicates overwrite earlier ones, as the reference's map does.
            _merges[Key(a, b)] = (rank, ab);
        }
    }

    private int IdOrThrow(string token, string path) => _ids.TryGetValue(token, out var id) ? id
        : throw new TokenizerFormatException(path, $"token '{token}' is not in the vocabulary");

    public bool TryGetId(string token, out int id) => _ids.TryGetValue(token, out id);

    public bool TryGetId(ReadOnlySpan<char> token, out int id) => _idsBySpan.TryGetValue(token, out id);

    /// <summary>
    /// The rank and result of merging <paramref name="left"/> with <paramref name="right"/>, if a rule exists.
    /// </summary>
    public bool TryGetMerge(int left, int right, out int rank, out int newId)
    {
        if (_merges.TryGetValue(Key(left, right), out var m))
        {
            (rank, newId) = m;
            return true;
        }
        (rank, newId) = (0, 0);
        return false;
    }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    /// <summary>
    /// long's own hash is high ^ low, i.e. left id ^ right id: with 500,000 merges over 262,144 ids (Gemma)
    /// the pairs crowd into few buckets and every lookup walks a long chain. A multiplicative mix spreads them.
    /// </summary>
    private sealed class PairKeyComparer : IEqualityComparer<long>
    {
        public static readonly PairKeyComparer Instance = new();

        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> 32);
    }

    public static BpeModel Parse(JsonElement model, string path)
    {
        var type = JsonRead.TypeOf(model, path);
        if (type != "BPE")
            throw new TokenizerFormatException($"{path}.type", type == "Unigram"
                ? "Unigram tokenizer.json files are not read; for mT5/mT0 give vocabtrim the model's spiece.model"
                : $"model type '{type}' is not supported; vocabtrim reads BPE models");
        if (!JsonRead.IsNull(model, "dropout") && model.GetProperty("dropout").GetDouble() != 0)
            throw new TokenizerFormatException(
                $"{path}.dropout", "BPE dropout makes encoding random; only null or 0 is supported");
        var vocab = JsonRead.Required(model, "vocab", path);
        if (vocab.ValueKind != JsonValueKind.Object)
            throw new TokenizerFormatException($"{path}.vocab", "expected an object of token: id");
        var byId = new Dictionary<int, string>();
        foreach (var p in vocab.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt32(out var id) || id < 0)
                throw new TokenizerFormatException(
                    $"{path}.vocab[\"{p.Name}\"]", $"expected a non-negative id, found {p.Value}");
            if (!byId.TryAdd(id, p.Name))
                throw new TokenizerFormatException(
                    $"{path}.vocab[\"{p.Name}\"]", $"id {id} is also given to '{byId[id]}'");
        }
        var tokens = new string[byId.Count];
        foreach (var (id, token) in byId)
        {
            if (id >= tokens.Length)
                throw new TokenizerFormatException(
                    $"{path}.vocab[\"{token}\"]", $"id {id} leaves a gap: vocabtrim needs ids 0..{tokens.Length - 1}");
            tokens[id] = token;
        }
        return new BpeModel(tokens, ParseMerges(model, path),
            JsonRead.OptionalString(model, "unk_token", path),
            JsonRead.Bool(model, "fuse_unk", path, false),
            JsonRead.Bool(model, "byte_fallback", path, false),
            JsonRead.Bool(model, "ignore_merges", path, false),
            NullIfEmpty(JsonRead.OptionalString(model, "continuing_subword_prefix", path)),
            NullIfEmpty(JsonRead.OptionalString(model, "end_of_word_suffix", path)),
            path);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static List<BpeMerge> ParseMerges(JsonElement model, string path)
    {
        var merges = new List<BpeMerge>();
        if (JsonRead.IsNull(model, "merges")) return merges;
        var array = model.GetProperty("merges");
        if (array.ValueKind != JsonValueKind.Array)
            throw new TokenizerFormatException($"{path}.merges", "expected an array");
        var i = 0;
        foreach (var m in array.EnumerateArray())
        {
            var at = $"{path}.merges[{i++}]";
            if (m.ValueKind == JsonValueKind.String)
            {
                // The reference splits the legacy "a b" form on every space and wants exactly two parts.
                var parts = m.GetString()!.Split(' ');
                if (parts.Length != 2)
                    throw new TokenizerFormatException(
                        at, $"'{m.GetString()}' is not two tokens separated by one space");
                merges.Add(new BpeMerge(parts[0], parts[1]));
            }
            else if (m.ValueKind == JsonValueKind.Array && m.GetArrayLength() == 2
                     && m[0].ValueKind == JsonValueKind.String && m[1].ValueKind == JsonValueKind.String)
            {
                merges.Add(new BpeMerge(m[0].GetString()!, m[1].GetString()!));
            }
            else
            {
                throw new TokenizerFormatException(at, "expected \"a b\" or [\"a\", \"b\"]");
            }
        }
        return merges;
    }
}
