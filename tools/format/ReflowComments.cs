#:package Microsoft.CodeAnalysis.CSharp@4.14.0
#:property ManagePackageVersionsCentrally=false

// Rewraps whole-line comments that run over 120 characters: `///` doc-comment paragraphs and `//` blocks.
//   dotnet run tools/format/ReflowComments.cs -- [--check] PATH...
// PATH is a .cs file or a folder (searched recursively; bin/, obj/ and *.g.cs are skipped). With --check
// nothing is written and the exit code is 1 when a file would change.
//
// Only paragraphs with an over-long line change, and only from that line on: words that do not fit move to
// the start of the next line of the paragraph, which pushes its own overflow on, and so on. Blank comment
// lines, lines inside <code>, indented lines, table rows and lines ending like code (; { }) are never
// touched; a list item (- x, 1. x) is its own paragraph and wraps under its text. XML tags and `code spans`
// are never split. Roslyn finds the comments, so a "//" inside a string is not one, and every rewritten file
// must parse to the same tokens as before or it is left alone.

using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

var check = args.Contains("--check");
var paths = args.Where(a => a != "--check").ToList();
if (paths.Count == 0)
{
    Console.Error.WriteLine("usage: dotnet run tools/format/ReflowComments.cs -- [--check] PATH...");
    return 2;
}

var files = new List<string>();
foreach (var path in paths)
{
    if (File.Exists(path)) files.Add(path);
    else if (Directory.Exists(path))
        files.AddRange(Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".g.cs", StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal));
    else
    {
        Console.Error.WriteLine($"reflow-comments: {path}: no such file or folder");
        return 2;
    }
}

var changed = 0;
foreach (var file in files)
{
    var before = File.ReadAllText(file);
    if (before.Contains('\r'))
    {
        Console.Error.WriteLine($"reflow-comments: {file}: has CR line endings, skipped");
        continue;
    }
    var (after, paragraphs) = Reflow.File(before);
    if (paragraphs == 0) continue;
    if (!Reflow.SameCode(before, after))
    {
        Console.Error.WriteLine($"reflow-comments: {file}: rewrapping would change code, left alone (please report)");
        return 2;
    }
    changed++;
    Console.WriteLine($"{file}: {paragraphs} comment paragraph(s) {(check ? "would be " : "")}rewrapped");
    if (check) continue;
    var temporary = file + ".reflow~";
    File.WriteAllText(temporary, after, new UTF8Encoding(false));
    File.Move(temporary, file, overwrite: true);
}
return check && changed > 0 ? 1 : 0;

static class Reflow
{
    private const int Limit = 120;
    private static readonly Regex ListItem = new(@"^(?:[-*•]|\d+[.)])\s+", RegexOptions.CultureInvariant);
    private static readonly Regex OpeningTag = new(
        @"^<(summary|remarks|returns|value|example|para|item|term|description|param|typeparam|exception|list)\b",
        RegexOptions.CultureInvariant);
    private static readonly Regex ClosingTag = new(
        @"</(summary|remarks|returns|value|example|para|item|term|description|param|typeparam|exception|list)>$",
        RegexOptions.CultureInvariant);
    // A whole doc element on too few lines takes the house's long form: the tags on lines of their own.
    private static readonly Regex Element = new(
        @"^(<(summary|remarks|returns|value|param|typeparam|exception)\b[^<>]*>)(.*)</\2>$",
        RegexOptions.CultureInvariant);
    private static readonly Regex TagOnly = new(@"^(?:<[^<>]*>\s*)+$", RegexOptions.CultureInvariant);

    /// <summary>Code points, as a reader and tools/format/check-line-length.sh count them.</summary>
    public static int Width(string s) => s.EnumerateRunes().Count();

    public static bool SameCode(string before, string after)
    {
        static IEnumerable<(SyntaxKind, string)> Tokens(string text) =>
            CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Select(t => (t.Kind(), t.Text));
        return Tokens(before).SequenceEqual(Tokens(after));
    }

    public static (string Text, int Paragraphs) File(string text)
    {
        var root = CSharpSyntaxTree.ParseText(text).GetRoot();
        var lines = text.Split('\n').ToList();
        var kinds = new string?[lines.Count];
        var offset = 0;
        for (var i = 0; i < lines.Count; offset += lines[i].Length + 1, i++)
            kinds[i] = CommentPrefix(root, lines[i], offset);

        var output = new List<string>();
        var rewrapped = 0;
        for (var i = 0; i < lines.Count;)
        {
            if (kinds[i] is not { } prefix)
            {
                output.Add(lines[i++]);
                continue;
            }
            var indent = lines[i][..lines[i].IndexOf('/')];
            var end = i;
            while (end < lines.Count && kinds[end] == prefix && lines[end].IndexOf('/') == indent.Length)
                end++;
            rewrapped += Block(lines.GetRange(i, end - i), indent + prefix, output);
            i = end;
        }
        return (string.Join('\n', output), rewrapped);
    }

    /// <summary>"///" or "//" when the line is a whole-line comment of that kind, else null.</summary>
    private static string? CommentPrefix(SyntaxNode root, string line, int offset)
    {
        var first = line.Length - line.TrimStart(' ', '\t').Length;
        if (first == line.Length || !line.AsSpan(first).StartsWith("//")) return null;
        var trivia = root.FindTrivia(offset + first);
        if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia))
            return line.AsSpan(first).StartsWith("////") ? null : "///";
        if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && trivia.SpanStart == offset + first)
            return line.AsSpan(first).StartsWith("///") ? null : "//";
        return null;
    }

    private sealed class Paragraph(int hanging)
    {
        public int Hanging { get; } = hanging;
        public List<string> Bodies { get; } = [];
    }

    /// <summary>Adds the block's lines to output, rewrapped; returns how many paragraphs changed.</summary>
    private static int Block(List<string> lines, string prefix, List<string> output)
    {
        // Each line is either kept as it is (a string) or is part of a paragraph.
        var parts = new List<object>();
        Paragraph? open = null;
        var inCode = false;
        foreach (var line in lines)
        {
            var body = line[prefix.Length..];
            if (body.StartsWith(' ')) body = body[1..];
            var text = body.TrimEnd();
            var keep = inCode || text.Length == 0 || text.Contains("<code>") || TagOnly.IsMatch(text)
                       || text[^1] is ';' or '{' or '}' || text[0] is '|' or '#';
            if (inCode || text.Contains("<code>")) inCode = !text.Contains("</code>");
            var leading = body.Length - body.TrimStart().Length;
            if (!keep && leading > 0 && !(open != null && open.Hanging > 0 && leading == open.Hanging)) keep = true;
            if (keep)
            {
                parts.Add(line);
                open = null;
                continue;
            }
            var item = ListItem.Match(text);
            if (item.Success) open = null;
            if (open == null || OpeningTag.IsMatch(text))
            {
                open = new Paragraph(item.Success ? item.Length : 0);
                parts.Add(open);
            }
            open.Bodies.Add(text.TrimStart());
            if (ClosingTag.IsMatch(text)) open = null;
        }

        var changed = 0;
        foreach (var part in parts)
        {
            if (part is string kept)
            {
                output.Add(kept);
                continue;
            }
            var paragraph = (Paragraph)part;
            var first = prefix + " ";
            var next = first + new string(' ', paragraph.Hanging);
            var original = paragraph.Bodies.Select((b, k) => (k == 0 ? first : next) + b).ToList();
            if (original.All(l => Width(l) <= Limit))
            {
                output.AddRange(original);
                continue;
            }
            var wrapped = Element.Match(string.Join(' ', paragraph.Bodies)) is { Success: true } element
                ? [
                    element.Groups[1].Value,
                    .. Refill(Words(element.Groups[3].Value), Limit - Width(next)),
                    $"</{element.Groups[2].Value}>",
                ]
                : Wrap(paragraph.Bodies, Limit - Width(first), Limit - Width(next));
            var lines2 = wrapped.Select((b, k) => (k == 0 ? first : next) + b).ToList();
            if (!lines2.SequenceEqual(original)) changed++;
            output.AddRange(lines2);
        }
        return changed;
    }

    /// <summary>
    /// Moves what does not fit on a line to the start of the next one, until a line takes what it is given;
    /// the lines before the first over-long one and after the last changed one stay as they are.
    /// </summary>
    private static List<string> Wrap(List<string> bodies, int firstWidth, int nextWidth)
    {
        var result = new List<string>();
        var carry = new List<string>();
        for (var k = 0; k < bodies.Count; k++)
        {
            var width = k == 0 ? firstWidth : nextWidth;
            if (carry.Count == 0 && Width(bodies[k]) <= width)
            {
                result.Add(bodies[k]);
                continue;
            }
            var words = carry.Concat(Words(bodies[k])).ToList();
            var (line, rest) = Fill(words, width);
            result.Add(line);
            carry = rest;
        }
        while (carry.Count > 0)
        {
            var (line, rest) = Fill(carry, nextWidth);
            result.Add(line);
            carry = rest;
        }
        return result;
    }

    private static List<string> Refill(List<string> words, int width)
    {
        var lines = new List<string>();
        while (words.Count > 0)
        {
            (var line, words) = Fill(words, width);
            lines.Add(line);
        }
        return lines;
    }

    private static (string Line, List<string> Remainder) Fill(List<string> words, int width)
    {
        var taken = 1;
        var length = Width(words[0]);
        while (taken < words.Count && length + 1 + Width(words[taken]) <= width)
            length += 1 + Width(words[taken++]);
        return (string.Join(' ', words.Take(taken)), words.Skip(taken).ToList());
    }

    /// <summary>Words split at spaces, except inside an XML tag, a <c>&lt;c&gt;</c> element or a `code span`.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] == ' ') i++;
            if (i == text.Length) break;
            var start = i;
            while (i < text.Length && text[i] != ' ')
            {
                var rest = text.AsSpan(i);
                var inline = rest.StartsWith("<c>") ? "</c>" : rest.StartsWith("<code>") ? "</code>" : null;
                var close = text[i] switch
                {
                    '<' when inline != null && text.IndexOf(inline, i, StringComparison.Ordinal) is var end and > 0
                        => end + inline.Length - 1,
                    '<' => text.IndexOf('>', i + 1),
                    '`' => text.IndexOf('`', i + 1),
                    _ => -1,
                };
                i = close > 0 ? close + 1 : i + 1;
            }
            words.Add(text[start..i]);
        }
        return words;
    }
}
