using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace VocabTrim.Checkpoints.Pickle;

/// <summary>
/// The central directory of a <c>torch.save</c> zip archive, read directly from the file so that each stored
/// (uncompressed) entry's absolute data offset is known and its tensors can be read by position.
/// <see cref="ZipArchive"/> hides those offsets and only streams entries forward, which is no good for reading
/// rows from the middle of a 2 GB storage. Handles Zip64, which any checkpoint over 4 GB uses.
/// </summary>
internal sealed class ZipDirectory
{
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint LocalHeaderSignature = 0x04034b50;
    private const ushort Zip64ExtraId = 0x0001;

    private readonly PositionalFile _file;

    public IReadOnlyDictionary<string, ZipEntry> Entries { get; }

    private ZipDirectory(PositionalFile file, IReadOnlyDictionary<string, ZipEntry> entries)
    {
        _file = file;
        Entries = entries;
    }

    public static ZipDirectory Read(PositionalFile file)
    {
        var (count, directoryOffset, directorySize) = FindCentralDirectory(file);
        if (directoryOffset > file.Length - directorySize)
            throw Error(file, "the central directory lies outside the file");
        var entries = new Dictionary<string, ZipEntry>(StringComparer.Ordinal);
        var position = directoryOffset;
        for (long i = 0; i < count; i++)
        {
            var fixedPart = Bytes(file, position, 46, "a central directory entry");
            if (U32(fixedPart, 0) != CentralHeaderSignature)
                throw Error(file, $"central directory entry {i} has a bad signature");
            var flags = U16(fixedPart, 8);
            var method = U16(fixedPart, 10);
            long compressed = U32(fixedPart, 20);
            long size = U32(fixedPart, 24);
            var nameLength = U16(fixedPart, 28);
            var extraLength = U16(fixedPart, 30);
            var commentLength = U16(fixedPart, 32);
            long localOffset = U32(fixedPart, 42);
            var variable = Bytes(file, position + 46, nameLength + extraLength, "a central directory entry");
            // Bit 11 marks UTF-8 names; torch writes ASCII, which both encodings agree on.
            var name = ((flags & 0x800) != 0 ? Encoding.UTF8 : Encoding.Latin1).GetString(variable, 0, nameLength);
            if ((flags & 1) != 0) throw Error(file, $"entry '{name}' is encrypted");
            ApplyZip64(variable.AsSpan(nameLength, extraLength), ref size, ref compressed, ref localOffset);
            var local = Bytes(file, localOffset, 30, $"the local header of '{name}'");
            if (U32(local, 0) != LocalHeaderSignature)
                throw Error(file, $"the local header of '{name}' has a bad signature");
            // The local header's extra field differs from the central one: torch pads it to align data to 64 bytes.
            var dataOffset = localOffset + 30 + U16(local, 26) + U16(local, 28);
            if (dataOffset > file.Length - compressed)
                throw Error(file, $"entry '{name}' runs past the end of the file");
            if (!entries.TryAdd(name, new ZipEntry(name, method, compressed, size, dataOffset)))
                throw Error(file, $"the archive holds '{name}' twice");
            position += 46 + nameLength + extraLength + commentLength;
        }
        return new ZipDirectory(file, entries);
    }

    /// <summary>The whole content of a small entry (data.pkl, version), decompressing if needed.</summary>
    public byte[] ReadAll(ZipEntry entry)
    {
        if (entry.Size > Array.MaxLength) throw Error(_file, $"entry '{entry.Name}' is too large to read whole");
        var raw = _file.ReadArray(entry.DataOffset, checked((int)entry.CompressedSize));
        switch (entry.Method)
        {
            case ZipEntry.Stored:
                return raw;
            case ZipEntry.Deflated:
                var bytes = new byte[entry.Size];
                using (var inflate = new DeflateStream(new MemoryStream(raw), CompressionMode.Decompress))
                    inflate.ReadExactly(bytes);
                return bytes;
            default:
                throw Error(_file,
                    $"entry '{entry.Name}' uses compression method {entry.Method}, which is not supported");
        }
    }

    private static (long Count, long Offset, long Size) FindCentralDirectory(PositionalFile file)
    {
        // The end record is 22 bytes plus a comment of up to 65535 bytes, so search that far back for it.
        var searchLength = (int)Math.Min(file.Length, 22 + ushort.MaxValue);
        var tail = file.ReadArray(file.Length - searchLength, searchLength);
        var at = -1;
        for (var i = searchLength - 22; i >= 0; i--)
            if (U32(tail, i) == EndOfCentralDirectorySignature) { at = i; break; }
        if (at < 0) throw Error(file, "no zip end-of-central-directory record: not a zip archive, or truncated");
        long count = U16(tail, at + 10);
        long size = U32(tail, at + 12);
        long offset = U32(tail, at + 16);
        var endPosition = file.Length - searchLength + at;
        // Zip64: a locator right before the end record points at a 64-bit end record with the real values.
        if (endPosition >= 20)
        {
            var locator = file.ReadArray(endPosition - 20, 20);
            if (U32(locator, 0) == Zip64LocatorSignature)
            {
                var recordOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8));
                var record = Bytes(file, recordOffset, 56, "the Zip64 end record");
                if (U32(record, 0) != Zip64EndSignature) throw Error(file, "the Zip64 end record has a bad signature");
                count = (long)BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32));
                size = (long)BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(40));
                offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(48));
            }
        }
        if (count < 0 || size < 0 || offset < 0) throw Error(file, "the zip end record holds impossible values");
        return (count, offset, size);
    }

    private static void ApplyZip64(ReadOnlySpan<byte> extra, ref long size, ref long compressed, ref long localOffset)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            var body = extra.Slice(4, Math.Min(length, extra.Length - 4));
            if (id == Zip64ExtraId)
            {
                // Only the fields whose 32-bit slot is saturated are present, in this order.
                var at = 0;
                if (size == uint.MaxValue && at + 8 <= body.Length)
                {
                    size = (long)BinaryPrimitives.ReadUInt64LittleEndian(body[at..]);
                    at += 8;
                }
                if (compressed == uint.MaxValue && at + 8 <= body.Length)
                {
                    compressed = (long)BinaryPrimitives.ReadUInt64LittleEndian(body[at..]);
                    at += 8;
                }
                if (localOffset == uint.MaxValue && at + 8 <= body.Length)
                    localOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(body[at..]);
                return;
            }
            extra = extra[Math.Min(extra.Length, 4 + length)..];
        }
    }

    private static byte[] Bytes(PositionalFile file, long offset, int length, string what)
    {
        if (offset < 0 || offset > file.Length - length) throw Error(file, $"{what} lies outside the file");
        return file.ReadArray(offset, length);
    }

    private static ushort U16(byte[] bytes, int at) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));

    private static uint U32(byte[] bytes, int at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));

    private static CheckpointFormatException Error(PositionalFile file, string message) => new(file.Path, message);
}
