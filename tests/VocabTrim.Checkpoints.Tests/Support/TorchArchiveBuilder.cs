using System.Text;

namespace VocabTrim.Checkpoints.Tests.Support;

/// <summary>
/// Writes a zip archive the way torch.save does: every entry stored uncompressed, data aligned to 64 bytes by
/// padding the local header's extra field. Optionally writes Zip64 records even for small files, as a
/// checkpoint over 4 GB must, so that path is tested without writing gigabytes.
/// </summary>
internal sealed class TorchArchiveBuilder
{
    private readonly List<(string Name, byte[] Data, long Length, (long Offset, byte[] Bytes)[] Patches)> _entries = [];

    public TorchArchiveBuilder Add(string name, byte[] data)
    {
        _entries.Add((name, data, data.Length, []));
        return this;
    }

    /// <summary>
    /// An entry of <paramref name="length"/> bytes, all zero but the patches, left as a hole in a sparse file: a
    /// multi-gigabyte storage at no disk cost. Its CRC is not computed (written as 0; vocabtrim does not check it).
    /// </summary>
    public TorchArchiveBuilder AddSparse(string name, long length, params (long Offset, byte[] Bytes)[] patches)
    {
        _entries.Add((name, [], length, patches));
        return this;
    }

    public TorchArchiveBuilder Add(string name, string text) => Add(name, Encoding.UTF8.GetBytes(text));

    public void Write(string path, bool zip64 = false)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        var w = new BinaryWriter(file);
        var central = new List<(string Name, long Length, uint Crc, long Offset)>();
        foreach (var (name, data, length, patches) in _entries)
        {
            var sparse = patches.Length > 0 || length != data.Length;
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var offset = file.Position;
            var unpadded = offset + 30 + nameBytes.Length + 4;
            var padding = (int)((64 - unpadded % 64) % 64);
            var crc = sparse ? 0 : Crc32(data);
            w.Write(0x04034b50u);
            w.Write((ushort)(zip64 ? 45 : 20));
            w.Write((ushort)0); // flags
            w.Write((ushort)0); // stored
            w.Write((ushort)0); w.Write((ushort)0); // time, date
            w.Write(crc);
            w.Write(length >= uint.MaxValue ? uint.MaxValue : (uint)length);
            w.Write(length >= uint.MaxValue ? uint.MaxValue : (uint)length);
            w.Write((ushort)nameBytes.Length);
            w.Write((ushort)(4 + padding));
            w.Write(nameBytes);
            w.Write((ushort)0x4246); // torch's "FB" padding record
            w.Write((ushort)padding);
            w.Write(new byte[padding]);
            if (sparse)
            {
                w.Flush();
                var start = file.Position;
                foreach (var (at, bytes) in patches)
                {
                    file.Position = start + at;
                    file.Write(bytes);
                }
                file.Position = start + length;
            }
            else w.Write(data);
            central.Add((name, length, crc, offset));
        }
        var directoryStart = file.Position;
        if (central.Any(e => e.Length >= uint.MaxValue || e.Offset >= uint.MaxValue)) zip64 = true;
        foreach (var (name, length, crc, offset) in central)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            w.Write(0x02014b50u);
            w.Write((ushort)45); w.Write((ushort)(zip64 ? 45 : 20));
            w.Write((ushort)0); w.Write((ushort)0);
            w.Write((ushort)0); w.Write((ushort)0);
            w.Write(crc);
            w.Write(zip64 ? uint.MaxValue : (uint)length);
            w.Write(zip64 ? uint.MaxValue : (uint)length);
            w.Write((ushort)nameBytes.Length);
            w.Write((ushort)(zip64 ? 28 : 0));
            w.Write((ushort)0); // comment
            w.Write((ushort)0); // disk
            w.Write((ushort)0); w.Write(0u); // attributes
            w.Write(zip64 ? uint.MaxValue : (uint)offset);
            w.Write(nameBytes);
            if (zip64)
            {
                w.Write((ushort)0x0001); w.Write((ushort)24);
                w.Write((ulong)length); w.Write((ulong)length); w.Write((ulong)offset);
            }
        }
        var directorySize = file.Position - directoryStart;
        if (zip64)
        {
            var recordOffset = file.Position;
            w.Write(0x06064b50u); w.Write(44UL);
            w.Write((ushort)45); w.Write((ushort)45);
            w.Write(0u); w.Write(0u);
            w.Write((ulong)central.Count); w.Write((ulong)central.Count);
            w.Write((ulong)directorySize); w.Write((ulong)directoryStart);
            w.Write(0x07064b50u); w.Write(0u); w.Write((ulong)recordOffset); w.Write(1u);
        }
        w.Write(0x06054b50u);
        w.Write((ushort)0); w.Write((ushort)0);
        w.Write(zip64 ? ushort.MaxValue : (ushort)central.Count);
        w.Write(zip64 ? ushort.MaxValue : (ushort)central.Count);
        w.Write(zip64 ? uint.MaxValue : (uint)directorySize);
        w.Write(zip64 ? uint.MaxValue : (uint)directoryStart);
        w.Write((ushort)0);
        w.Flush();
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
