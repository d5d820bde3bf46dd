using System.Text;
using System.Text.Json;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// The <c>decoder</c> stage: a chain of steps, each turning the list of token strings into another, as the
/// reference's <c>decode_chain</c> does. Implemented: <c>ByteLevel</c> (BLOOM, Llama 3, Qwen: every character
/// stands for a byte; a character outside the byte alphabet contributes its own UTF-8; invalid UTF-8 becomes
/// U+FFFD), and SentencePiece-style <c>Replace</c>, <c>ByteFallback</c>, <c>Fuse</c> and <c>Strip</c> (Gemma,
/// Llama 2), alone or in a <c>Sequence</c>. With no decoder, tokens are concatenated.
/// </summary>
public sealed class TokenDecoder
{
    private readonly IReadOnlyList<Func<List<string>, List<string>>> _steps;

    /// <summary>The step names in order.</summary>
    public IReadOnlyList<string> Steps { get; }

    private TokenDecoder(IReadOnlyList<(string Name, Func<List<string>, List<string>> Apply)> steps)
    {
        _steps = [.. steps.Select(s => s.Apply)];
        Steps = [.. steps.Select(s => s.Name)];
    }

    public static TokenDecoder Parse(JsonElement root, string path)
    {
        var steps = new List<(string, Func<List<string>, List<string>>)>();
        if (!JsonRead.IsNull(root, "decoder")) Add(root.GetProperty("decoder"), path, steps);
        return new TokenDecoder(steps);
    }

    public string Decode(IEnumerable<string> tokens)
    {
        var list = tokens.ToList();
        foreach (var step in _steps) list = step(list);
        return string.Concat(list);
    }

    private static void Add(JsonElement json, string path, List<(string, Func<List<string>, List<string>>)> steps)
    {
        var type = JsonRead.TypeOf(json, path);
        switch (type)
        {
            case "Sequence":
                var i = 0;
                foreach (var inner in JsonRead.Required(json, "decoders", path).EnumerateArray())
                    Add(inner, $"{path}.decoders[{i++}]", steps);
                break;
            case "ByteLevel":
                steps.Add((type, tokens => [ByteLevel(tokens)]));
                break;
            case "Replace":
                var pattern = JsonRead.Required(json, "pattern", path);
                if (pattern.ValueKind != JsonValueKind.Object || !pattern.TryGetProperty("String", out var literal)
                    || literal.ValueKind != JsonValueKind.String || literal.GetString()!.Length == 0)
                    throw new TokenizerFormatException($"{path}.pattern",
                        "decoder Replace is supported with a non-empty {\"String\": …} pattern only");
                var (from, to) = (literal.GetString()!, JsonRead.String(json, "content", path));
                steps.Add((type, tokens => tokens.ConvertAll(t => t.Replace(from, to, StringComparison.Ordinal))));
                break;
            case "ByteFallback":
                steps.Add((type, ByteFallback));
                break;
            case "Fuse":
                steps.Add((type, tokens => [string.Concat(tokens)]));
                break;
            case "Strip":
                var content = JsonRead.String(json, "content", path);
                if (content.Length != 1)
                    throw new TokenizerFormatException($"{path}.content", "expected one character");
                var (start, stop) = (JsonRead.Int(json, "start", path), JsonRead.Int(json, "stop", path));
                steps.Add((type, tokens => tokens.ConvertAll(t => Strip(t, content[0], start, stop))));
                break;
            default:
                throw new TokenizerFormatException($"{path}.type",
                    $"decoder '{type}' is not supported " +
                    "(ByteLevel, Replace, ByteFallback, Fuse, Strip, Sequence of them)");

        }
    }

    private static string ByteLevel(List<string> tokens)
    {
        var bytes = new List<byte>();
        foreach (var t in tokens)
            if (!ByteLevelAlphabet.TryDecode(t, bytes)) bytes.AddRange(Encoding.UTF8.GetBytes(t));
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>
    /// Runs of <c>&lt;0xNN&gt;</c> tokens become their UTF-8 text, or one U+FFFD per byte when it is not valid UTF-8.
    /// </summary>
    private static List<string> ByteFallback(List<string> tokens)
    {
        var output = new List<string>(tokens.Count);
        var pending = new List<byte>();
        foreach (var t in tokens)
        {
            if (ByteFallbackPiece.TryParse(t, out var b))
            {
                pending.Add(b);
                continue;
            }
            Flush();
            output.Add(t);
        }
        Flush();
        return output;

        void Flush()
        {
            if (pending.Count == 0) return;
            try { output.Add(StrictUtf8.GetString(pending.ToArray())); }
            catch (DecoderFallbackException) { output.AddRange(Enumerable.Repeat("\uFFFD", pending.Count)); }
            pending.Clear();
        }
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    private static string Strip(string token, char content, int start, int stop)
    {
        var from = 0;
        while (from < start && from < token.Length && token[from] == content) from++;
        var to = token.Length;
        while (token.Length - to < stop && to > from && token[to - 1] == content) to--;
        return token[from..to];
    }
}
