using System.Text.Json;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// The <c>added_tokens</c> of a tokenizer and their matchers. Tokens not marked <c>normalized</c>
/// are found first, in the original text; the others in what remains, after normalization.
/// </summary>
public sealed class AddedVocabulary
{
    private readonly Dictionary<int, AddedToken> _byId;

    public IReadOnlyList<AddedToken> Tokens { get; }
    internal AddedTokenMatcher Original { get; }
    internal AddedTokenMatcher Normalized { get; }

    public AddedVocabulary(IReadOnlyList<AddedToken> tokens)
    {
        Tokens = tokens;
        _byId = tokens.ToDictionary(t => t.Id);
        Original = new AddedTokenMatcher(tokens.Where(t => !t.Normalized));
        Normalized = new AddedTokenMatcher(tokens.Where(t => t.Normalized));
    }

    public bool TryGet(int id, out AddedToken token) => _byId.TryGetValue(id, out token!);

    /// <summary>
    /// Reads <c>added_tokens</c>. A token already in the model's vocabulary takes that id; a new one takes
    /// the next id after the vocabulary and the tokens before it, which is how the reference assigns them
    /// on load. A file whose ids disagree is rejected rather than read with ids the reference would not use.
    /// </summary>
    public static AddedVocabulary Parse(JsonElement root, BpeModel model, string path)
    {
        var tokens = new List<AddedToken>();
        if (JsonRead.IsNull(root, "added_tokens")) return new AddedVocabulary(tokens);
        var next = model.VocabSize;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var t in root.GetProperty("added_tokens").EnumerateArray())
        {
            var at = $"{path}[{i++}]";
            var content = JsonRead.String(t, "content", at);
            if (content.Length == 0) throw new TokenizerFormatException($"{at}.content", "is empty");
            if (!seen.Add(content)) throw new TokenizerFormatException($"{at}.content", $"'{content}' is added twice");
            var id = JsonRead.Int(t, "id", at);
            var expected = model.TryGetId(content, out var inVocab) ? inVocab : next++;
            if (id != expected)
                throw new TokenizerFormatException(
                    $"{at}.id", $"'{content}' has id {id} but the reference would give it {expected}");
            var special = JsonRead.Bool(t, "special", at, false);
            tokens.Add(new AddedToken(id, content, special,
                JsonRead.Bool(t, "single_word", at, false),
                JsonRead.Bool(t, "lstrip", at, false),
                JsonRead.Bool(t, "rstrip", at, false),
                JsonRead.Bool(t, "normalized", at, !special)));
        }
        return new AddedVocabulary(tokens);
    }
}
