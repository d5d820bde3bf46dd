using System.Collections.ObjectModel;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace VocabTrim.Checkpoints.Sharding;

/// <summary>
/// The index of a sharded checkpoint (<c>model.safetensors.index.json</c>, <c>pytorch_model.bin.index.json</c>):
/// <c>{"metadata": {"total_size": bytes}, "weight_map": {tensor name: shard file name}}</c>.
/// </summary>
public sealed class ShardIndex
{
    public ShardIndex(long? totalSize, IReadOnlyDictionary<string, string> weightMap)
    {
        TotalSize = totalSize;
        WeightMap = weightMap;
    }

    /// <summary>The sum of the tensors' byte lengths (not of the files' sizes), if the index states it.</summary>
    public long? TotalSize { get; }

    /// <summary>For each tensor, the shard file (a name in the index's folder) that holds it.</summary>
    public IReadOnlyDictionary<string, string> WeightMap { get; }

    /// <summary>The shard files, each once, in file-name order (which is the order shards were written in).</summary>
    public IReadOnlyList<string> ShardFiles =>
        WeightMap.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static ShardIndex Read(string path)
    {
        var full = Path.GetFullPath(path);
        byte[] json;
        try { json = File.ReadAllBytes(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new CheckpointFormatException(full, $"cannot read the index: {e.Message}"); }
        try { return Parse(json, full); }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(full, $"the index is not valid JSON: {e.Message}");
        }
    }

    private static ShardIndex Parse(ReadOnlySpan<byte> json, string path)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new CheckpointFormatException(path, "the index is not a JSON object");
        long? totalSize = null;
        OrderedDictionary<string, string>? weightMap = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            if (!seen.Add(key)) throw new CheckpointFormatException(path, $"the index has the key '{key}' twice");
            reader.Read();
            if (key == "weight_map") weightMap = ReadWeightMap(ref reader, path);
            else if (key == "metadata") totalSize = ReadTotalSize(ref reader, path);
            else reader.Skip();
        }
        if (weightMap is null) throw new CheckpointFormatException(path, "the index has no weight_map");
        return new ShardIndex(totalSize, new ReadOnlyDictionary<string, string>(weightMap));
    }

    private static OrderedDictionary<string, string> ReadWeightMap(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new CheckpointFormatException(path, "weight_map is not a JSON object");
        var map = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
                throw new CheckpointFormatException(path, "weight_map does not give a file name", name);
            var file = reader.GetString()!;
            // An index must not send a reader outside its folder ("../../somewhere").
            if (file.Length == 0 || file != Path.GetFileName(file) || file is "." or ".." || file.Contains('\\')
                || file.Contains('/'))
                throw new CheckpointFormatException(path,
                    $"weight_map names '{file}', which is not a file name in the index's folder", name);
            if (!map.TryAdd(name, file))
                throw new CheckpointFormatException(path, "weight_map lists the tensor twice", name);
        }
        return map;
    }

    private static long? ReadTotalSize(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new CheckpointFormatException(path, "metadata is not a JSON object");
        long? totalSize = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (key != "total_size") { reader.Skip(); continue; }
            // Python writes an int; some tools wrote a float like 1.2e9, which still means bytes.
            if (reader.TokenType != JsonTokenType.Number)
                throw new CheckpointFormatException(path, "metadata.total_size is not a number");
            totalSize = reader.TryGetInt64(out var n) ? n : (long)reader.GetDouble();
        }
        return totalSize;
    }

    /// <summary>
    /// Writes the index as <c>transformers</c> does (<c>json.dumps(index, indent=2, sort_keys=True) + "\n"</c>),
    /// through a temporary file, or under its name when <paramref name="folderIsStaged"/> (<see cref="WeightFile"/>).
    /// </summary>
    public void Write(string path, bool folderIsStaged = false)
    {
        WeightFile.Write(path, folderIsStaged, stream =>
        {
            var options = new JsonWriterOptions
            {
                Indented = true,
                NewLine = "\n",
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            };
            using (var json = new Utf8JsonWriter(stream, options))
            {
                json.WriteStartObject();
                json.WriteStartObject("metadata");
                if (TotalSize is { } total) json.WriteNumber("total_size", total);
                json.WriteEndObject();
                json.WriteStartObject("weight_map");
                foreach (var (name, file) in WeightMap.OrderBy(p => p.Key, StringComparer.Ordinal))
                    json.WriteString(name, file);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
        });
    }
}
