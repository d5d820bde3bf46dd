namespace VocabTrim.Checkpoints.Pickle;

/// <summary>
/// One file of a zip archive, located: <see cref="DataOffset"/> is where its (possibly compressed) bytes start.
/// </summary>
internal sealed record ZipEntry(string Name, ushort Method, long CompressedSize, long Size, long DataOffset)
{
    public const ushort Stored = 0;

    public const ushort Deflated = 8;
}
