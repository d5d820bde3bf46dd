using System.Text.Json;
using System.Text.RegularExpressions;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// The <c>normalizer</c> stage, applied to each stretch of text between added tokens that are matched on the
/// original text (so Llama 2's <c>Prepend</c> puts a ▁ before every such stretch, as the reference does).
/// Implemented: <c>NFC</c> (Qwen; see <see cref="Nfc"/>), <c>Replace</c> with a literal or regex pattern (Gemma's space
/// → ▁), <c>Prepend</c> (Llama 2's ▁) and a <c>Sequence</c> of them; anything else is refused with its JSON path.
/// </summary>
public sealed class Normalizer
{
    private readonly IReadOnlyList<Func<string, string>> _steps;

    /// <summary>The stage names in order, for messages and tests.</summary>
    public IReadOnlyList<string> Steps { get; }

    public bool IsIdentity => _steps.Count == 0;

    private Normalizer(IReadOnlyList<(string Name, Func<string, string> Apply)> steps)
    {
        _steps = [.. steps.Select(s => s.Apply)];
        Steps = [.. steps.Select(s => s.Name)];
    }

    public static Normalizer None { get; } = new([]);

    public string Normalize(string text)
    {
        foreach (var step in _steps) text = step(text);
        return text;
    }

    public static Normalizer Parse(JsonElement root, string path)
    {
        if (JsonRead.IsNull(root, "normalizer")) return None;
        var steps = new List<(string, Func<string, string>)>();
        Add(root.GetProperty("normalizer"), path, steps);
        return new Normalizer(steps);
    }

    private static void Add(JsonElement json, string path, List<(string, Func<string, string>)> steps)
    {
        var type = JsonRead.TypeOf(json, path);
        switch (type)
        {
            case "Sequence":
                var i = 0;
                foreach (var inner in JsonRead.Required(json, "normalizers", path).EnumerateArray())
                    Add(inner, $"{path}.normalizers[{i++}]", steps);
                break;
            case "NFC":
                steps.Add((type, Nfc.Normalize));
                break;
            case "Prepend":
                var prepend = JsonRead.String(json, "prepend", path);
                // The reference leaves empty text alone.
                steps.Add((type, s => s.Length == 0 ? s : prepend + s));
                break;
            case "Replace":
                var content = JsonRead.String(json, "content", path);
                var pattern = JsonRead.Required(json, "pattern", path);
                if (pattern.ValueKind == JsonValueKind.Object && pattern.TryGetProperty("String", out var literal)
                    && literal.ValueKind == JsonValueKind.String)
                {
                    var from = literal.GetString()!;
                    if (from.Length == 0) throw new TokenizerFormatException($"{path}.pattern.String", "is empty");
                    steps.Add((type, s => s.Replace(from, content, StringComparison.Ordinal)));
                }
                else if (pattern.ValueKind == JsonValueKind.Object && pattern.TryGetProperty("Regex", out var regex)
                         && regex.ValueKind == JsonValueKind.String)
                {
                    var compiled = new Regex(OnigurumaPattern.ToDotNet(regex.GetString()!, $"{path}.pattern.Regex"),
                        RegexOptions.CultureInvariant | RegexOptions.Compiled);
                    // The replacement is literal text in the reference, never a substitution pattern.
                    steps.Add((type, s => compiled.Replace(s, _ => content)));
                }
                else
                {
                    throw new TokenizerFormatException($"{path}.pattern", "expected {\"String\": …} or {\"Regex\": …}");
                }
                break;
            default:
                throw new TokenizerFormatException($"{path}.type",
                    $"normalizer '{type}' is not supported (NFC, Replace, Prepend, Sequence of them)");
        }
    }
}
