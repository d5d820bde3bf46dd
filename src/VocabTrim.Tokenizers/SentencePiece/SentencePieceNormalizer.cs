using VocabTrim.Tokenizers.SentencePiece.Proto;

namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// SentencePiece's normalizer, byte for byte: user-defined symbols pass through untouched, the
/// longest charsmap rule rewrites the rest, whitespace is trimmed and collapsed
/// (<c>remove_extra_whitespaces</c>), escaped to <c>▁</c> (<c>escape_whitespaces</c>), and a dummy
/// <c>▁</c> is added before the text (or after it with <c>treat_whitespace_as_suffix</c>).
/// </summary>
internal sealed class SentencePieceNormalizer
{
    public static ReadOnlySpan<byte> SpaceSymbol => "\u2581"u8;
    private static ReadOnlySpan<byte> ReplacementChar => "\uFFFD"u8;

    private readonly PrecompiledCharsMap? _charsMap;
    private readonly PieceTrie? _userDefined;
    private readonly bool _addDummyPrefix;
    private readonly bool _removeExtraWhitespaces;
    private readonly bool _escapeWhitespaces;
    private readonly bool _whitespaceAsSuffix;
    // Lead bytes that no rule and no user-defined symbol starts with: they are copied as they are.
    private readonly bool[] _plain = new bool[256];

    public SentencePieceNormalizer(NormalizerSpec spec, bool treatWhitespaceAsSuffix, PieceTrie? userDefinedSymbols,
        string source)
    {
        _charsMap = spec.PrecompiledCharsmap.IsEmpty ? null : PrecompiledCharsMap.Parse(spec.PrecompiledCharsmap.Span,
            source);
        _userDefined = userDefinedSymbols;
        _addDummyPrefix = spec.AddDummyPrefix;
        _removeExtraWhitespaces = spec.RemoveExtraWhitespaces;
        _escapeWhitespaces = spec.EscapeWhitespaces;
        _whitespaceAsSuffix = treatWhitespaceAsSuffix;
        for (var b = 0; b < 256; b++)
            _plain[b] = !(_charsMap?.MayMatchAt((byte)b) ?? false) && !(_userDefined?.StartsAnyKey((byte)b) ?? false);
    }

    /// <summary>Normalizes <paramref name="input"/> into <paramref name="output"/> (cleared first).</summary>
    public void Normalize(ReadOnlySpan<byte> input, ByteBuffer output)
    {
        output.Clear();
        if (input.IsEmpty) return;

        if (_removeExtraWhitespaces)
        {
            while (!input.IsEmpty)
            {
                var consumed = NormalizePrefix(input, out var piece);
                if (piece.Length != 1 || piece[0] != (byte)' ') break;
                input = input[consumed..];
            }
        }
        if (input.IsEmpty) return;

        if (!_whitespaceAsSuffix && _addDummyPrefix) AppendSpace(output);

        var isPrevSpace = _removeExtraWhitespaces;
        while (!input.IsEmpty)
        {
            // Fast path: a run of characters that no rule touches, spaces excluded, is copied as it
            // is; each would normalize to itself and leave is_prev_space false.
            var run = PlainRunLength(input);
            if (run > 0)
            {
                output.Append(input[..run]);
                input = input[run..];
                isPrevSpace = false;
                continue;
            }
            var consumed = NormalizePrefix(input, out var piece);
            if (isPrevSpace)
                while (!piece.IsEmpty && piece[0] == (byte)' ') piece = piece[1..];
            if (!piece.IsEmpty)
            {
                if (_escapeWhitespaces && piece.Contains((byte)' '))
                {
                    foreach (var b in piece)
                        if (b == (byte)' ') output.Append(SpaceSymbol);
                        else output.Append(b);
                }
                else
                {
                    output.Append(piece);
                }
                isPrevSpace = piece[^1] == (byte)' ';
            }
            input = input[consumed..];
            if (!_removeExtraWhitespaces) isPrevSpace = false;
        }

        if (_removeExtraWhitespaces)
        {
            var space = _escapeWhitespaces ? SpaceSymbol : " "u8;
            while (output.Span.EndsWith(space)) output.Truncate(output.Length - space.Length);
        }

        if (_whitespaceAsSuffix && _addDummyPrefix) AppendSpace(output);
    }

    private int PlainRunLength(ReadOnlySpan<byte> input)
    {
        var i = 0;
        while (i < input.Length)
        {
            var b = input[i];
            if (!_plain[b] || b == (byte)' ') break;
            if (b < 0x80) { i++; continue; }
            var length = Utf8Char.ValidLength(input[i..]);
            if (length == 0) break;
            i += length;
        }
        return i;
    }

    private void AppendSpace(ByteBuffer output)
    {
        if (_escapeWhitespaces) output.Append(SpaceSymbol);
        else output.Append((byte)' ');
    }

    /// <summary>
    /// Normalizes the first unit of <paramref name="input"/>; returns how many input bytes it consumed.
    /// </summary>
    private int NormalizePrefix(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> normalized)
    {
        var first = input[0];
        if (!_plain[first])
        {
            if (_userDefined != null)
            {
                var length = _userDefined.LongestPrefix(input, out _);
                if (length > 0)
                {
                    normalized = input[..length];
                    return length;
                }
            }
            if (_charsMap != null)
            {
                var length = _charsMap.Match(input, out normalized);
                if (length > 0) return length;
            }
        }
        var charLength = Utf8Char.ValidLength(input);
        if (charLength == 0)
        {
            // Malformed UTF-8: one byte becomes U+FFFD, as the reference does.
            normalized = ReplacementChar;
            return 1;
        }
        normalized = input[..charLength];
        return charLength;
    }
}
