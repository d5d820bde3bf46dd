using System.Buffers.Binary;
using System.Text;

namespace VocabTrim.Checkpoints.Pickle;

/// <summary>
/// Writes a zip archive of stored (uncompressed) entries the way torch.save lays them out: each entry's data
/// aligned to 64 bytes by an "FB" padding record in the local header's extra field, and Zip64 records wherever a
/// size or an offset reaches 4 GB (any checkpoint of more than 4 GB). Entry data is streamed; the CRC, known only
/// afterwards, is written back into the local header, so the stream must be seekable. <c>forceZip64</c> writes
/// every Zip64 record even for small files, so that tests reach those paths without writing gigabytes.
/// </summary>
internal sealed class StoredZipWriter(Stream file, bool forceZip64 = false)
{
    private const int Alignment = 64;
    private const uint Saturated = uint.MaxValue;
    private readonly List<(byte[] Name, uint Crc, long Length, long Offset)> _central = [];

    /// <summary>
    /// Adds an entry of exactly <paramref name="length"/> bytes, written by <paramref name="write"/>.
    /// </summary>
    public void Add(string name, long length, Action<Stream> write)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var offset = file.Position;
        var zip64 = forceZip64 || length >= Saturated;
        var zip64Extra = zip64 ? 20 : 0;
        var unpadded = offset + 30 + nameBytes.Length + zip64Extra + 4;
        var padding = (int)((Alignment - unpadded % Alignment) % Alignment);
        var header = new byte[30 + nameBytes.Length + zip64Extra + 4 + padding];
        var h = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], (ushort)(zip64 ? 45 : 20));
        // flags, method (stored), time, date and the CRC stay 0 until the data is written.
        BinaryPrimitives.WriteUInt32LittleEndian(h[18..], zip64 ? Saturated : (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(h[22..], zip64 ? Saturated : (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[26..], (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], (ushort)(zip64Extra + 4 + padding));
        nameBytes.CopyTo(h[30..]);
        var extra = h[(30 + nameBytes.Length)..];
        if (zip64)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(extra, 0x0001);
            BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], 16);
            BinaryPrimitives.WriteUInt64LittleEndian(extra[4..], (ulong)length);
            BinaryPrimitives.WriteUInt64LittleEndian(extra[12..], (ulong)length);
            extra = extra[zip64Extra..];
        }
        BinaryPrimitives.WriteUInt16LittleEndian(extra, 0x4246);
        BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], (ushort)padding);
        file.Write(header);

        var data = new CrcStream(new ExactLengthStream(file, name, length));
        write(data);
        data.Inner.CheckComplete();
        var end = file.Position;
        file.Position = offset + 14;
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, data.Crc);
        file.Write(crc);
        file.Position = end;
        _central.Add((nameBytes, data.Crc, length, offset));
    }

    public void Add(string name, ReadOnlyMemory<byte> bytes) => Add(name, bytes.Length, s => s.Write(bytes.Span));

    /// <summary>Writes the central directory and the end records.</summary>
    public void Finish()
    {
        var directoryStart = file.Position;
        foreach (var (name, crc, length, offset) in _central)
        {
            var bigLength = forceZip64 || length >= Saturated;
            var bigOffset = forceZip64 || offset >= Saturated;
            var extraLength = (bigLength ? 16 : 0) + (bigOffset ? 8 : 0);
            var entry = new byte[46 + name.Length + (extraLength > 0 ? 4 + extraLength : 0)];
            var e = entry.AsSpan();
            var needs64 = extraLength > 0;
            BinaryPrimitives.WriteUInt32LittleEndian(e, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(e[4..], 45);
            BinaryPrimitives.WriteUInt16LittleEndian(e[6..], (ushort)(needs64 ? 45 : 20));
            BinaryPrimitives.WriteUInt32LittleEndian(e[16..], crc);
            BinaryPrimitives.WriteUInt32LittleEndian(e[20..], bigLength ? Saturated : (uint)length);
            BinaryPrimitives.WriteUInt32LittleEndian(e[24..], bigLength ? Saturated : (uint)length);
            BinaryPrimitives.WriteUInt16LittleEndian(e[28..], (ushort)name.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(e[30..], (ushort)(needs64 ? 4 + extraLength : 0));
            BinaryPrimitives.WriteUInt32LittleEndian(e[42..], bigOffset ? Saturated : (uint)offset);
            name.CopyTo(e[46..]);
            if (needs64)
            {
                // Only the saturated fields follow, in the order size, compressed size, offset.
                var x = e[(46 + name.Length)..];
                BinaryPrimitives.WriteUInt16LittleEndian(x, 0x0001);
                BinaryPrimitives.WriteUInt16LittleEndian(x[2..], (ushort)extraLength);
                x = x[4..];
                if (bigLength)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(x, (ulong)length);
                    BinaryPrimitives.WriteUInt64LittleEndian(x[8..], (ulong)length);
                    x = x[16..];
                }
                if (bigOffset) BinaryPrimitives.WriteUInt64LittleEndian(x, (ulong)offset);
            }
            file.Write(entry);
        }
        var directorySize = file.Position - directoryStart;
        var count = _central.Count;
        var zip64 = forceZip64 || count >= ushort.MaxValue || directoryStart >= Saturated || directorySize >= Saturated;
        Span<byte> record = stackalloc byte[56 + 20];
        if (zip64)
        {
            var recordOffset = file.Position;
            BinaryPrimitives.WriteUInt32LittleEndian(record, 0x06064b50);
            BinaryPrimitives.WriteUInt64LittleEndian(record[4..], 44);
            BinaryPrimitives.WriteUInt16LittleEndian(record[12..], 45);
            BinaryPrimitives.WriteUInt16LittleEndian(record[14..], 45);
            BinaryPrimitives.WriteUInt32LittleEndian(record[16..], 0);
            BinaryPrimitives.WriteUInt32LittleEndian(record[20..], 0);
            BinaryPrimitives.WriteUInt64LittleEndian(record[24..], (ulong)count);
            BinaryPrimitives.WriteUInt64LittleEndian(record[32..], (ulong)count);
            BinaryPrimitives.WriteUInt64LittleEndian(record[40..], (ulong)directorySize);
            BinaryPrimitives.WriteUInt64LittleEndian(record[48..], (ulong)directoryStart);
            BinaryPrimitives.WriteUInt32LittleEndian(record[56..], 0x07064b50);
            BinaryPrimitives.WriteUInt32LittleEndian(record[60..], 0);
            BinaryPrimitives.WriteUInt64LittleEndian(record[64..], (ulong)recordOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(record[72..], 1);
            file.Write(record);
        }
        Span<byte> end = stackalloc byte[22];
        end.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], zip64 ? ushort.MaxValue : (ushort)count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], zip64 ? ushort.MaxValue : (ushort)count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], zip64 ? Saturated : (uint)directorySize);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], zip64 ? Saturated : (uint)directoryStart);
        file.Write(end);
    }

    private sealed class CrcStream(ExactLengthStream inner) : Stream
    {
        public ExactLengthStream Inner => inner;

        public uint Crc { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => inner.Written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void WriteByte(byte value) => Write([value]);

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Crc = Crc32.Update(Crc, buffer);
        }
    }
}
