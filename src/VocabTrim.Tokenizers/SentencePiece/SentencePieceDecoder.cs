using System.Text;
using VocabTrim.Tokenizers.SentencePiece.Proto;
using PieceType = VocabTrim.Tokenizers.SentencePiece.Proto.ModelProto.Types.SentencePiece.Types.Type;

namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// Ids back to text as the reference decodes them: control pieces vanish, the unknown piece
/// becomes <c>unk_surface</c>, runs of byte pieces are decoded as UTF-8 (a malformed byte becomes
/// U+FFFD), <c>▁</c> becomes a space, and the leading space of the first piece is dropped.
/// </summary>
internal sealed class SentencePieceDecoder
{
    private const string DefaultUnknownSurface = " \u2047 ";

    private readonly ModelProto _model;
    private readonly string _unknownSurface;
    private readonly bool _stripLeadingSpace;
    private readonly bool _removeExtraWhitespaces;

    public SentencePieceDecoder(ModelProto model)
    {
        _model = model;
        _unknownSurface = model.TrainerSpec is { HasUnkSurface: true } t ? t.UnkSurface : DefaultUnknownSurface;
        var spec = model.NormalizerSpec ?? new NormalizerSpec();
        _stripLeadingSpace = spec.AddDummyPrefix || spec.RemoveExtraWhitespaces;
        _removeExtraWhitespaces = spec.RemoveExtraWhitespaces;
    }

    public string Decode(IEnumerable<int> ids)
    {
        var text = new StringBuilder();
        var bytes = new List<byte>();
        var expectLeadingSpace = true;
        var leadingSpaceSeen = false;
        foreach (var id in ids)
        {
            if ((uint)id >= (uint)_model.Pieces.Count)
                throw new ArgumentOutOfRangeException(nameof(ids), id,
                    $"id {id} is outside the vocabulary (0..{_model.Pieces.Count - 1})");
            var piece = _model.Pieces[id];
            if (piece.Type == PieceType.Byte)
            {
                bytes.Add((byte)UnigramVocabulary.ParseBytePiece(piece.Piece));
                continue;
            }
            FlushBytes(bytes, text);
            if (leadingSpaceSeen || text.Length > 0) expectLeadingSpace = false;
            text.Append(DecodePiece(piece, expectLeadingSpace, out leadingSpaceSeen));
        }
        FlushBytes(bytes, text);
        return text.ToString();
    }

    private string DecodePiece(ModelProto.Types.SentencePiece piece, bool atStart, out bool consumedLeadingSpace)
    {
        consumedLeadingSpace = false;
        switch (piece.Type)
        {
            case PieceType.Control: return "";
            case PieceType.Unknown: return _unknownSurface;
        }
        var text = piece.Piece;
        if (atStart && _stripLeadingSpace && text.StartsWith('\u2581'))
        {
            text = text[1..];
            // With remove_extra_whitespaces every leading space goes, so keep looking.
            consumedLeadingSpace = !_removeExtraWhitespaces;
        }
        return text.Replace('\u2581', ' ');
    }

    private static void FlushBytes(List<byte> bytes, StringBuilder text)
    {
        if (bytes.Count == 0) return;
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes);
        var pos = 0;
        while (pos < span.Length)
        {
            var length = Utf8Char.ValidLength(span[pos..]);
            if (length == 0)
            {
                text.Append('\uFFFD');
                pos++;
            }
            else
            {
                text.Append(Encoding.UTF8.GetString(span.Slice(pos, length)));
                pos += length;
            }
        }
        bytes.Clear();
    }
}
