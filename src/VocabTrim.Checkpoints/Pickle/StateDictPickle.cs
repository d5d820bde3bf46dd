using System.Buffers.Binary;
using System.Text;

namespace VocabTrim.Checkpoints.Pickle;

/// <summary>
/// The <c>data.pkl</c> torch.save writes for a state dict (protocol 2): a dict from names to
/// <c>_rebuild_tensor_v2(persistent_load(("storage", torch.XStorage, key, "cpu", numel)), offset, size, stride,
/// False, OrderedDict())</c>. Integers use CPython's smallest opcode, so element counts past 2³¹ become LONG1 as in a
/// real file.
/// </summary>
internal static class StateDictPickle
{
    /// <summary>
    /// One entry: a name viewing a whole storage (several names may view the same one: tied weights).
    /// </summary>
    public sealed record Entry(string Name, string StorageKey, Dtype Dtype, TensorShape Shape);

    public static byte[] Serialize(IEnumerable<Entry> entries)
    {
        using var p = new MemoryStream();
        p.Write([0x80, 2, (byte)'}', (byte)'(']);  // PROTO 2, EMPTY_DICT, MARK
        foreach (var e in entries)
        {
            Unicode(p, e.Name);
            Global(p, "torch._utils", "_rebuild_tensor_v2");
            p.WriteByte((byte)'(');
            p.WriteByte((byte)'(');
            Unicode(p, "storage");
            Global(p, "torch", StorageType(e.Dtype));
            Unicode(p, e.StorageKey);
            Unicode(p, "cpu");
            Int(p, e.Shape.ElementCount);
            p.WriteByte((byte)'t');
            p.WriteByte((byte)'Q');  // BINPERSID
            Int(p, 0);
            IntTuple(p, e.Shape.AsSpan());
            IntTuple(p, Contiguous(e.Shape.AsSpan()));
            p.WriteByte(0x89);  // NEWFALSE: requires_grad
            Global(p, "collections", "OrderedDict");
            p.WriteByte((byte)')');
            p.WriteByte((byte)'R');
            p.WriteByte((byte)'t');
            p.WriteByte((byte)'R');
        }
        p.Write([(byte)'u', (byte)'.']);  // SETITEMS, STOP
        return p.ToArray();
    }

    public static string StorageType(Dtype dtype) => dtype switch
    {
        Dtype.F32 => "FloatStorage",
        Dtype.F16 => "HalfStorage",
        Dtype.BF16 => "BFloat16Storage",
        Dtype.F64 => "DoubleStorage",
        Dtype.I64 => "LongStorage",
        Dtype.I32 => "IntStorage",
        Dtype.I16 => "ShortStorage",
        Dtype.I8 => "CharStorage",
        Dtype.U8 => "ByteStorage",
        Dtype.Bool => "BoolStorage",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "torch.save has no typed storage for it"),
    };

    private static long[] Contiguous(ReadOnlySpan<long> size)
    {
        var stride = new long[size.Length];
        long s = 1;
        for (var i = size.Length - 1; i >= 0; i--)
        {
            stride[i] = s;
            s *= Math.Max(1, size[i]);
        }
        return stride;
    }

    private static void Unicode(Stream p, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> n = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(n, bytes.Length);
        p.WriteByte((byte)'X');
        p.Write(n);
        p.Write(bytes);
    }

    private static void Global(Stream p, string module, string name) =>
        p.Write(Encoding.ASCII.GetBytes($"c{module}\n{name}\n"));

    private static void IntTuple(Stream p, ReadOnlySpan<long> values)
    {
        if (values.Length == 0) { p.WriteByte((byte)')'); return; }
        if (values.Length > 3) p.WriteByte((byte)'(');
        foreach (var v in values) Int(p, v);
        p.WriteByte(values.Length switch { 1 => 0x85, 2 => 0x86, 3 => 0x87, _ => (byte)'t' });
    }

    private static void Int(Stream p, long value)
    {
        Span<byte> n = stackalloc byte[9];
        if (value is >= 0 and <= byte.MaxValue) { p.WriteByte((byte)'K'); p.WriteByte((byte)value); return; }
        if (value is >= 0 and <= ushort.MaxValue)
        {
            p.WriteByte((byte)'M');
            BinaryPrimitives.WriteUInt16LittleEndian(n, (ushort)value);
            p.Write(n[..2]);
            return;
        }
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            p.WriteByte((byte)'J');
            BinaryPrimitives.WriteInt32LittleEndian(n, (int)value);
            p.Write(n[..4]);
            return;
        }
        // LONG1: the shortest little-endian two's complement that holds it.
        BinaryPrimitives.WriteInt64LittleEndian(n, value);
        var length = 8;
        while (length > 1
            && (n[length - 1] == 0 && (n[length - 2] & 0x80) == 0
                || n[length - 1] == 0xFF && (n[length - 2] & 0x80) != 0))
            length--;
        p.WriteByte(0x8a);
        p.WriteByte((byte)length);
        p.Write(n[..length]);
    }
}
