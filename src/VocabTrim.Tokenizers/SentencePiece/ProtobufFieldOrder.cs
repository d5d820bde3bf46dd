namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// Puts the fields of a canonically serialised protobuf message back into the order a source file
/// had them. Real models are not always in field-number order: mT5's <c>spiece.model</c> was written
/// by a protobuf that appended fields it did not know (split_digits, byte_fallback, …) after the
/// rest of <c>trainer_spec</c>. Reordering (instead of copying raw bytes) keeps edits to any field.
/// </summary>
internal static class ProtobufFieldOrder
{
    private readonly record struct Field(int Number, int Start, int End, int ValueStart, bool LengthDelimited);

    /// <param name="canonical">The message as Google.Protobuf wrote it.</param>
    /// <param name="original">The bytes the message was read from.</param>
    /// <param name="nestedMessages">
    /// For a field number, the nested-message rule to recurse with, or null for none.
    /// </param>
    public static byte[] Reorder(ReadOnlySpan<byte> canonical, ReadOnlySpan<byte> original,
        Func<int, Func<int, object?>?> nestedMessages)
    {
        var current = Split(canonical);
        var source = Split(original);
        var order = new List<int>();
        foreach (var f in source) if (!order.Contains(f.Number)) order.Add(f.Number);
        foreach (var f in current) if (!order.Contains(f.Number)) order.Add(f.Number);

        using var output = new MemoryStream(canonical.Length);
        foreach (var number in order)
        {
            var nested = nestedMessages(number);
            Field? sourceField = null;
            foreach (var f in source) if (f.Number == number) { sourceField = f; break; }
            foreach (var f in current)
            {
                if (f.Number != number) continue;
                if (nested != null && f.LengthDelimited && sourceField is { LengthDelimited: true } s)
                {
                    var inner = Reorder(canonical[f.ValueStart..f.End], original[s.ValueStart..s.End],
                        n => nested(n) as Func<int, object?>);
                    WriteVarint(output, (ulong)number << 3 | 2);
                    WriteVarint(output, (ulong)inner.Length);
                    output.Write(inner);
                }
                else
                {
                    output.Write(canonical[f.Start..f.End]);
                }
            }
        }
        return output.ToArray();
    }

    private static List<Field> Split(ReadOnlySpan<byte> message)
    {
        var fields = new List<Field>();
        var pos = 0;
        while (pos < message.Length)
        {
            var start = pos;
            var tag = ReadVarint(message, ref pos);
            var number = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            var valueStart = pos;
            switch (wireType)
            {
                case 0: ReadVarint(message, ref pos); break;
                case 1: pos += 8; break;
                case 5: pos += 4; break;
                case 2:
                    var length = (int)ReadVarint(message, ref pos);
                    valueStart = pos;
                    pos += length;
                    break;
                default: throw new InvalidDataException($"unsupported wire type {wireType} in field {number}");
            }
            if (pos > message.Length) throw new InvalidDataException($"field {number} runs past the end of the " +
                "message");
            fields.Add(new Field(number, start, pos, valueStart, wireType == 2));
        }
        return fields;
    }

    private static void WriteVarint(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        output.WriteByte((byte)value);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int pos)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (pos >= bytes.Length) throw new InvalidDataException("truncated varint");
            var b = bytes[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("malformed varint");
    }
}
