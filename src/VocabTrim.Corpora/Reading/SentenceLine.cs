using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace VocabTrim.Corpora.Reading;

/// <summary>The rules that turn one line of a sentence file into a sentence.</summary>
internal static class SentenceLine
{
    public const string LeipzigLayout = "expected 'id<TAB>sentence'";

    public static LineProblem Parse(ReadOnlySpan<byte> line, CorpusFormat format, out ReadOnlySpan<byte> sentence)
    {
        sentence = default;
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        if (!Utf8.IsValid(line)) return LineProblem.InvalidUtf8;

        if (format == CorpusFormat.PlainText)
        {
            if (line.IsEmpty) return LineProblem.Blank;
            sentence = line;
            return LineProblem.None;
        }

        // Leipzig sentence files never hold empty lines, so one means the file is damaged or not Leipzig.
        if (line.IsEmpty) return LineProblem.EmptyLine;
        var tab = line.IndexOf((byte)'\t');
        if (tab < 0) return LineProblem.NoTab;
        sentence = line[(tab + 1)..];
        return sentence.IsEmpty ? LineProblem.EmptySentence : LineProblem.None;
    }

    public static string Describe(LineProblem problem, ReadOnlySpan<byte> line) => problem switch
    {
        LineProblem.EmptyLine => $"{LeipzigLayout}, found an empty line",
        LineProblem.NoTab => $"{LeipzigLayout}, found no TAB",
        LineProblem.EmptySentence => $"{LeipzigLayout}, found an empty sentence after the TAB",
        LineProblem.InvalidUtf8 => DescribeInvalidUtf8(line),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "not a malformed line"),
    };

    private static string DescribeInvalidUtf8(ReadOnlySpan<byte> line)
    {
        var at = 0;
        while (at < line.Length && Rune.DecodeFromUtf8(line[at..], out _, out var consumed) == OperationStatus.Done)
            at += consumed;
        var found = at < line.Length ? $" 0x{line[at]:X2}" : "";
        return $"expected UTF-8 text, found an invalid byte sequence{found} at byte {at + 1} of the line";
    }
}
