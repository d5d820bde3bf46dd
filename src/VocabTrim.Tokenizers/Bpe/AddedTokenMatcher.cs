using System.Buffers;
using System.Globalization;
using System.Text;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// Finds added tokens in text as the reference does: leftmost-longest matches scanned left to right,
/// then the <c>single_word</c>, <c>lstrip</c> and <c>rstrip</c> rules. A match rejected by
/// <c>single_word</c> still consumes its text for the scan, like the reference's match iterator.
/// </summary>
internal sealed class AddedTokenMatcher
{
    private readonly Dictionary<char, AddedToken[]> _byFirstChar;
    // Most text holds no added token: jump straight to the characters that can start one.
    private readonly SearchValues<char> _firstChars;

    public AddedTokenMatcher(IEnumerable<AddedToken> tokens)
    {
        _byFirstChar = tokens.Where(t => t.Content.Length > 0)
            .GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ToArray());
        _firstChars = SearchValues.Create([.. _byFirstChar.Keys]);
    }

    public bool IsEmpty => _byFirstChar.Count == 0;

    /// <summary>Splits <paramref name="slice"/> into (piece, added token id or -1) parts.</summary>
    public void Split(string text, TextSlice slice, List<(TextSlice Slice, int Id)> output)
    {
        var end = slice.Start + slice.Length;
        var emitted = slice.Start;
        var i = slice.Start;
        while (i < end)
        {
            var next = text.AsSpan(i, end - i).IndexOfAny(_firstChars);
            if (next < 0) break;
            i += next;
            var token = LongestAt(text, i, end);
            if (token == null)
            {
                i++;
                continue;
            }
            int start = i, stop = i + token.Content.Length;
            i = stop;
            if (token.SingleWord)
            {
                var spaceBefore = start == slice.Start || !IsWordChar(text, start, before: true, slice.Start);
                var spaceAfter = stop == end || !IsWordChar(text, stop, before: false, end);
                if (!spaceBefore || !spaceAfter) continue;
            }
            if (token.LStrip)
            {
                var s = start;
                while (s > slice.Start && char.IsWhiteSpace(text[s - 1])) s--;
                start = Math.Max(s, emitted);
            }
            if (token.RStrip)
                while (stop < end && char.IsWhiteSpace(text[stop])) stop++;
            if (emitted < start) output.Add((new TextSlice(emitted, start - emitted), -1));
            output.Add((new TextSlice(start, stop - start), token.Id));
            emitted = stop;
        }
        if (emitted < end) output.Add((new TextSlice(emitted, end - emitted), -1));
    }

    private AddedToken? LongestAt(string text, int i, int end)
    {
        if (!_byFirstChar.TryGetValue(text[i], out var candidates)) return null;
        var rest = text.AsSpan(i, end - i);
        foreach (var t in candidates)
            if (rest.StartsWith(t.Content, StringComparison.Ordinal)) return t;
        return null;
    }

    /// <summary>
    /// The reference's <c>\w</c> (Unicode word character) test on the character before or after a position.
    /// </summary>
    private static bool IsWordChar(string text, int at, bool before, int limit)
    {
        Rune rune;
        if (before)
        {
            if (Rune.DecodeLastFromUtf16(text.AsSpan(limit, at - limit), out rune, out _) != OperationStatus.Done)
                return false;
        }
        else if (Rune.DecodeFromUtf16(text.AsSpan(at, limit - at), out rune, out _) != OperationStatus.Done)
        {
            return false;
        }
        if (rune.Value is 0x200C or 0x200D) return true;
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark

                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber
                or UnicodeCategory.ConnectorPunctuation => true,
            _ => false,
        };
    }
}
