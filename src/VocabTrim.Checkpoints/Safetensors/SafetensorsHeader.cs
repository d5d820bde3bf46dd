using System.Text.Json;

namespace VocabTrim.Checkpoints.Safetensors;

/// <summary>
/// The parsed and validated JSON header of a safetensors file: <c>{"__metadata__": {string: string},
/// name: {"dtype": "F32", "shape": [rows, cols], "data_offsets": [begin, end]}, ...}</c>, offsets relative to the
/// data section that follows the header.
/// </summary>
internal sealed class SafetensorsHeader
{
    public const string MetadataKey = "__metadata__";

    // The reference implementation refuses headers over 100 MB; a real one is a few hundred kB.
    public const long MaxHeaderBytes = 100_000_000;

    public IReadOnlyList<SafetensorsEntry> Entries { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    private SafetensorsHeader(IReadOnlyList<SafetensorsEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>
    /// Parses <paramref name="json"/> and checks every entry against a data section of <paramref name="dataLength"/>
    /// bytes.
    /// </summary>
    public static SafetensorsHeader Parse(ReadOnlySpan<byte> json, long dataLength, string path)
    {
        var entries = new List<SafetensorsEntry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            // Utf8JsonReader, not JsonDocument: a repeated key must be an error, and only a reader shows repeats.
            var reader = new Utf8JsonReader(json,
                new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new CheckpointFormatException(path, "the header is not a JSON object");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!seen.Add(name))
                    throw new CheckpointFormatException(path,
                        name == MetadataKey
                            ? "__metadata__ appears twice in the header"
                            : "the name appears twice in the header", name == MetadataKey ? null : name);
                reader.Read();
                if (name == MetadataKey) ReadMetadata(ref reader, metadata, path);
                else entries.Add(ReadEntry(ref reader, name, dataLength, path));
            }
            // Only the padding spaces may follow the object; the reader throws on anything else.
            if (reader.Read())
                throw new CheckpointFormatException(path, "the header has content after its JSON object");
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(path, $"the header is not valid JSON: {e.Message}");
        }
        CheckNoOverlap(entries, path);
        return new SafetensorsHeader(entries, metadata);
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata, string path)
    {
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new CheckpointFormatException(path, "__metadata__ is not a JSON object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
                throw new CheckpointFormatException(path, $"__metadata__ value of '{key}' is not a string");
            if (!metadata.TryAdd(key, reader.GetString()!))
                throw new CheckpointFormatException(path, $"__metadata__ has the key '{key}' twice");
        }
    }

    private static SafetensorsEntry ReadEntry(ref Utf8JsonReader reader, string name, long dataLength, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new CheckpointFormatException(path, "the header entry is not a JSON object", name);
        string? dtypeName = null;
        List<long>? shape = null;
        List<long>? offsets = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.GetString()!;
            if (!seen.Add(field))
                throw new CheckpointFormatException(path, $"'{field}' appears twice in its header entry", name);
            reader.Read();
            switch (field)
            {
                case "dtype":
                    if (reader.TokenType != JsonTokenType.String)
                        throw new CheckpointFormatException(path, "dtype is not a string", name);
                    dtypeName = reader.GetString();
                    break;
                case "shape":
                    shape = ReadIntegers(ref reader, "shape", name, path);
                    break;
                case "data_offsets":
                    offsets = ReadIntegers(ref reader, "data_offsets", name, path);
                    break;
                default:
                    // The reference reader ignores fields it does not know; so do we.
                    reader.Skip();
                    break;
            }
        }
        if (dtypeName is null) throw new CheckpointFormatException(path, "the header entry has no dtype", name);
        if (shape is null) throw new CheckpointFormatException(path, "the header entry has no shape", name);
        if (offsets is null) throw new CheckpointFormatException(path, "the header entry has no data_offsets", name);
        if (!Dtype.TryParseSafetensorsName(dtypeName, out var dtype))
            throw new CheckpointFormatException(path, $"unknown dtype '{dtypeName}'", name);
        if (offsets.Count != 2)
            throw new CheckpointFormatException(path, $"data_offsets has {offsets.Count} numbers, not 2 (begin, end)",
                name);
        var (begin, end) = (offsets[0], offsets[1]);
        if (begin > end)
            throw new CheckpointFormatException(path, $"data_offsets [{begin}, {end}] end before they begin", name);
        if (end > dataLength)
            throw new CheckpointFormatException(path,
                $"data_offsets [{begin}, {end}] lie outside the data section of {dataLength} bytes", name);
        var info = new TensorInfo(name, dtype.Value, new TensorShape(shape.ToArray()));
        long expected;
        try { expected = info.ByteLength; }
        catch (OverflowException)
        { throw new CheckpointFormatException(path, $"shape {info.Shape} is too large for any file", name); }
        if (expected != end - begin)
            throw new CheckpointFormatException(path,
                $"shape {info.Shape} of {dtype.Value.SafetensorsName} needs {expected} bytes but data_offsets " +
                $"[{begin}, {end}] span {end - begin}", name);
        return new SafetensorsEntry(info, begin, end);
    }

    private static List<long> ReadIntegers(ref Utf8JsonReader reader, string field, string name, string path)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new CheckpointFormatException(path, $"{field} is not a JSON array", name);
        var values = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value) || value < 0)
                throw new CheckpointFormatException(path, $"{field} holds something other than non-negative integers",
                    name);
            values.Add(value);
        }
        return values;
    }

    private static void CheckNoOverlap(List<SafetensorsEntry> entries, string path)
    {
        // Empty tensors occupy no bytes, so they cannot collide with anything.
        var sorted = entries.Where(e => e.End > e.Begin).OrderBy(e => e.Begin).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            var (previous, current) = (sorted[i - 1], sorted[i]);
            if (current.Begin < previous.End)
                throw new CheckpointFormatException(path,
                    $"data_offsets [{current.Begin}, {current.End}] overlap those of '{previous.Info.Name}' " +
                    $"[{previous.Begin}, {previous.End}]",
                    current.Info.Name);
        }
    }
}
