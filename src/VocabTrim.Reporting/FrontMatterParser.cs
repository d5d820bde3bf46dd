using System.Text;

namespace VocabTrim.Reporting;

/// <summary>
/// Reads the YAML that Hugging Face cards put in their front matter, as far as vocabtrim needs it: top-level
/// <c>key: scalar</c>, lists as <c>[a, b]</c> or <c>- a</c> lines, and everything nested (maps, lists of maps,
/// block scalars such as <c>widget</c> or <c>model-index</c>) kept as raw lines without interpretation.
/// Anything else throws <see cref="FrontMatterException"/>: guessing would put wrong metadata on the new card.
/// </summary>
internal static class FrontMatterParser
{
    public static IReadOnlyList<KeyValuePair<string, FrontMatterValue>> Parse(
        IReadOnlyList<string> lines, int firstLine)
    {
        var entries = new List<KeyValuePair<string, FrontMatterValue>>();
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            if (IsBlankOrComment(line)) { i++; continue; }
            var number = firstLine + i;
            if (char.IsWhiteSpace(line[0]) || line.StartsWith('-'))
                throw new FrontMatterException(
                    number, "expected a top-level 'key: value', found an indented line or a list item");
            var colon = KeyColon(line)
                ?? throw new FrontMatterException(number, $"expected 'key: value', found '{Shorten(line)}'");
            var key = Unquote(line[..colon].Trim(), number);
            if (key.Length == 0) throw new FrontMatterException(number, "empty key");
            if (entries.Any(e => e.Key == key)) throw new FrontMatterException(number, $"'{key}' is given twice");
            var rest = StripComment(line[(colon + 1)..]).Trim();

            // The lines that belong to this key: indented ones, and '- ' items (cards often write lists unindented).
            var end = i + 1;
            while (end < lines.Count
                   && (IsBlankOrComment(lines[end]) || char.IsWhiteSpace(lines[end][0]) || lines[end].StartsWith('-')))
                end++;
            var block = lines.Skip(i + 1).Take(end - i - 1).ToList();
            while (block.Count > 0 && IsBlankOrComment(block[^1])) { block.RemoveAt(block.Count - 1); end--; }

            FrontMatterValue value;
            if (rest.Length > 0 && rest[0] is '|' or '>' or '{' or '&' or '*' or '!')
                value = new FrontMatterValue(null, null, string.Join('\n', [line, .. block]));
            else if (rest.Length > 0)
            {
                if (block.Any(l => !IsBlankOrComment(l)))
                    throw new FrontMatterException(
                        number + 1, $"'{key}' has a value on its own line and more lines below it");
                value = rest[0] == '['
                    ? new FrontMatterValue(null, FlowList(rest, number), null)
                    : new FrontMatterValue(Scalar(rest, number), null, null);
            }
            else value = BlockValue(line, block, number);
            entries.Add(new(key, value));
            i = end;
        }
        return entries;
    }

    /// <summary>A list of <c>- scalar</c> lines at one indentation, or else the raw lines of a nested value.</summary>
    private static FrontMatterValue BlockValue(string keyLine, List<string> block, int number)
    {
        var content = block.Where(l => !IsBlankOrComment(l)).ToList();
        if (content.Count == 0) return new FrontMatterValue("", null, null);
        var indent = Indent(content[0]);
        var items = new List<string>();
        foreach (var l in content)
        {
            var trimmed = l.TrimStart();
            var isItem = Indent(l) == indent && (trimmed == "-" || trimmed.StartsWith("- "));
            var text = isItem ? StripComment(trimmed[1..]).Trim() : "";
            // A '- key: value' item or deeper lines make it a list of maps: nested, kept raw.
            if (!isItem || text.Length == 0 || KeyColon(text) != null
                || text[0] is '[' or '{' or '|' or '>' or '-' or '&' or '*' or '!')
                return new FrontMatterValue(null, null, string.Join('\n', [keyLine, .. block]));
            items.Add(Scalar(text, number));
        }
        return new FrontMatterValue(null, items, null);
    }

    private static List<string> FlowList(string text, int number)
    {
        if (!text.EndsWith(']')) throw new FrontMatterException(number, "a [ list must end on the same line with ]");
        var inner = text[1..^1];
        var items = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        foreach (var c in inner)
        {
            if (quote != null)
            {
                current.Append(c);
                if (c == quote) quote = null;
            }
            else if (c is '\'' or '"') { quote = c; current.Append(c); }
            else if (c is '[' or '{') throw new FrontMatterException(number, "nested [ ] or { } lists are not read");
            else if (c == ',') { Add(); }
            else current.Append(c);
        }
        if (quote != null) throw new FrontMatterException(number, $"unclosed {quote} quote");
        Add();
        return items;

        void Add()
        {
            var item = current.ToString().Trim();
            current.Clear();
            if (item.Length > 0) items.Add(Scalar(item, number));
        }
    }

    /// <summary>A plain or quoted scalar, as its text (YAML types are not needed: cards hold names and ids).</summary>
    private static string Scalar(string text, int number)
    {
        if (text.Length == 0) return "";
        if (text[0] is '\'' or '"') return Unquote(text, number);
        return text;
    }

    private static string Unquote(string text, int number)
    {
        if (text.Length == 0 || text[0] is not ('\'' or '"')) return text;
        var q = text[0];
        if (text.Length < 2 || text[^1] != q)
            throw new FrontMatterException(number, $"unclosed {q} quote in '{Shorten(text)}'");

        var inner = text[1..^1];
        if (q == '\'') return inner.Replace("''", "'");
        var result = new StringBuilder();
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] != '\\') { result.Append(inner[i]); continue; }
            if (++i == inner.Length) throw new FrontMatterException(number, "a \" string ends in a lone backslash");
            result.Append(inner[i] switch { 'n' => '\n', 't' => '\t', '0' => '\0', var c => c });
        }
        return result.ToString();
    }

    /// <summary>
    /// The colon that ends a key (followed by a space or the line's end, outside quotes); null when there is none.
    /// </summary>
    private static int? KeyColon(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != null) { if (c == quote) quote = null; continue; }
            if (i == 0 && c is '\'' or '"') { quote = c; continue; }
            if (c == '#' && i > 0 && char.IsWhiteSpace(line[i - 1])) return null;
            if (c == ':' && (i + 1 == line.Length || char.IsWhiteSpace(line[i + 1]))) return i;
            if (c is '[' or '{' or '"' or '\'') return null;
        }
        return null;
    }

    private static string StripComment(string text)
    {
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != null) { if (c == quote) quote = null; continue; }
            if (c is '\'' or '"' && (i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '[' or ',')) quote = c;
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(text[i - 1]))) return text[..i];
        }
        return text;
    }

    private static bool IsBlankOrComment(string line) => line.Trim().Length == 0 || line.TrimStart().StartsWith('#');

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
