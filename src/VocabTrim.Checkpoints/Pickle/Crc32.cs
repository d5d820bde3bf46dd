namespace VocabTrim.Checkpoints.Pickle;

/// <summary>
/// The zip format's CRC-32 (polynomial 0xEDB88320), slice-by-8: a zip reader that checks entries (Python's
/// zipfile, miniz in torch) needs it over every byte of a multi-gigabyte storage, so it must not cost more than the
/// disk.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = MakeTable();

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        var t = Table;
        while (data.Length >= 8)
        {
            var low = crc ^ (uint)(data[0] | data[1] << 8 | data[2] << 16 | data[3] << 24);
            crc = t[7 * 256 + (low & 0xFF)] ^ t[6 * 256 + ((low >> 8) & 0xFF)]
                ^ t[5 * 256 + ((low >> 16) & 0xFF)] ^ t[4 * 256 + (low >> 24)]
                ^ t[3 * 256 + data[4]] ^ t[2 * 256 + data[5]] ^ t[256 + data[6]] ^ t[data[7]];
            data = data[8..];
        }
        foreach (var b in data) crc = t[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] MakeTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB88320u : c >> 1;
            table[i] = c;
        }
        for (var i = 0; i < 256; i++)
            for (var s = 1; s < 8; s++)
                table[s * 256 + i] = table[(s - 1) * 256 + i] >> 8 ^ table[table[(s - 1) * 256 + i] & 0xFF];
        return table;
    }
}
