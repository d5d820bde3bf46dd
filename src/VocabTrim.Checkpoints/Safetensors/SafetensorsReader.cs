using System.Buffers.Binary;
using System.Collections.ObjectModel;

namespace VocabTrim.Checkpoints.Safetensors;

/// <summary>
/// One <c>.safetensors</c> file: an 8-byte little-endian header length, the JSON header, then the data
/// section. The header is validated when the file is opened; data is read by position on demand.
/// </summary>
public sealed class SafetensorsReader : ICheckpoint
{
    private readonly PositionalFile _file;
    private readonly Dictionary<string, SafetensorsEntry> _entries;

    public string Location => _file.Path;

    public CheckpointFormat Format => CheckpointFormat.Safetensors;

    public IReadOnlyDictionary<string, TensorInfo> Tensors { get; }

    public IReadOnlyList<IReadOnlyList<string>> SharedTensors => [];

    /// <summary>The header's <c>__metadata__</c> (Hugging Face writes <c>{"format": "pt"}</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Where the data section starts in the file: 8 + the header length.</summary>
    public long DataStart { get; }

    private SafetensorsReader(PositionalFile file, SafetensorsHeader header, long dataStart)
    {
        _file = file;
        DataStart = dataStart;
        Metadata = header.Metadata;
        _entries = header.Entries.ToDictionary(e => e.Info.Name, StringComparer.Ordinal);
        var tensors = new OrderedDictionary<string, TensorInfo>(StringComparer.Ordinal);
        foreach (var entry in header.Entries) tensors.Add(entry.Info.Name, entry.Info);
        Tensors = new ReadOnlyDictionary<string, TensorInfo>(tensors);
    }

    public static SafetensorsReader Open(string path)
    {
        var file = PositionalFile.Open(path);
        try
        {
            var full = file.Path;
            if (file.Length < 8)
                throw new CheckpointFormatException(full,
                    $"the file has {file.Length} bytes, too few for the 8-byte header length");
            Span<byte> prefix = stackalloc byte[8];
            file.Read(0, prefix);
            var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (headerLength > (ulong)(file.Length - 8))
                throw new CheckpointFormatException(full,
                    $"the header length {headerLength} exceeds the {file.Length - 8} bytes that follow it");
            if (headerLength > SafetensorsHeader.MaxHeaderBytes)
                throw new CheckpointFormatException(full,
                    $"the header length {headerLength} is over the limit of {SafetensorsHeader.MaxHeaderBytes} bytes");
            var json = file.ReadArray(8, (int)headerLength);
            var dataStart = 8 + (long)headerLength;
            var header = SafetensorsHeader.Parse(json, file.Length - dataStart, full);
            return new SafetensorsReader(file, header, dataStart);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void ReadBytes(string name, long offset, Span<byte> destination)
    {
        if (!_entries.TryGetValue(name, out var entry))
            throw new CheckpointFormatException(Location, $"there is no tensor '{name}'");
        if (offset < 0 || offset > entry.End - entry.Begin - destination.Length)
            throw new ArgumentOutOfRangeException(nameof(offset),
                $"bytes [{offset}, {offset + destination.Length}) are outside tensor '{name}' of " +
                $"{entry.End - entry.Begin} bytes");
        _file.Read(DataStart + entry.Begin + offset, destination);
    }

    public void Dispose() => _file.Dispose();
}
