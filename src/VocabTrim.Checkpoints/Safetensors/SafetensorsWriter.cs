using System.Buffers.Binary;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace VocabTrim.Checkpoints.Safetensors;

/// <summary>
/// Writes one <c>.safetensors</c> file the way the reference implementation (Hugging Face <c>safetensors</c>)
/// does, byte for byte: tensors sorted by dtype alignment, descending, then by name; a compact JSON header
/// starting with <c>"__metadata__": {"format": "pt"}</c>; the header padded with spaces to a multiple of 8.
/// </summary>
public static class SafetensorsWriter
{
    /// <summary>
    /// Writes <paramref name="tensors"/> to <paramref name="path"/>: through a temporary file, or under its name
    /// when <paramref name="folderIsStaged"/> (<see cref="WeightFile"/>).
    /// </summary>
    /// <param name="metadata">Extra <c>__metadata__</c> entries; <c>"format": "pt"</c> is added unless given.</param>
    public static void Write(string path, IEnumerable<ITensorSource> tensors,
        IReadOnlyDictionary<string, string>? metadata = null, bool folderIsStaged = false)
    {
        var ordered = Order(tensors);
        var header = Header(ordered, metadata);
        WeightFile.Write(path, folderIsStaged, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var source in ordered)
            {
                var exact = new ExactLengthStream(stream, source.Info.Name, source.Info.ByteLength);
                source.WriteTo(exact);
                exact.CheckComplete();
            }
        });
    }

    private static List<ITensorSource> Order(IEnumerable<ITensorSource> tensors)
    {
        var list = tensors.ToList();
        var duplicate = list.GroupBy(t => t.Info.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new ArgumentException($"tensor '{duplicate.Key}' is given {duplicate.Count()} times",
                nameof(tensors));
        // The reference compares names as UTF-8 bytes; UTF-16 ordinal order differs above U+D7FF.
        return list
            .OrderByDescending(t => t.Info.Dtype)
            .ThenBy(t => t.Info.Name, Utf8Order)
            .ToList();
    }

    private static readonly IComparer<string> Utf8Order = Comparer<string>.Create(
        static (a, b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));

    private static byte[] Header(List<ITensorSource> ordered, IReadOnlyDictionary<string, string>? metadata)
    {
        var meta = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["format"] = "pt" };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>()) meta[key] = value;

        using var buffer = new MemoryStream();
        // Relaxed escaping: serde_json, which wrote the reference files, leaves non-ASCII and '+' unescaped.
        using (var json = new Utf8JsonWriter(buffer,
            new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject(SafetensorsHeader.MetadataKey);
            foreach (var (key, value) in meta) json.WriteString(key, value);
            json.WriteEndObject();
            long offset = 0;
            foreach (var source in ordered)
            {
                var info = source.Info;
                json.WriteStartObject(info.Name);
                json.WriteString("dtype", info.Dtype.SafetensorsName);
                json.WriteStartArray("shape");
                foreach (var d in info.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += info.ByteLength;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        // Padding to 8 bytes puts the data section, and with the dtype order every tensor, on an aligned address.
        var padding = (int)((8 - buffer.Length % 8) % 8);
        for (var i = 0; i < padding; i++) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }
}
