using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace VocabTrim.Common;

/// <summary>
/// Reads and writes vocabtrim's JSON files with one set of conventions (camelCase, strict numbers,
/// required members enforced) and turns serializer errors into <see cref="DataFileException"/>s that
/// name the file, the line and the JSON path.
/// </summary>
public static partial class JsonDataFile
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Pieces such as "▁über" or "\"," stay readable; these files are never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Numbers written as strings are a sign of a hand-edited or foreign file: refuse them.
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static T Read<T>(string path) => Parse<T>(path, ReadBytes(path));

    /// <summary>
    /// The bytes of a data file, or a <see cref="DataFileException"/> saying why they cannot be read.
    /// </summary>
    public static byte[] ReadBytes(string path)
    {
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new DataFileException(path, $"cannot read the file: {e.Message}"); }
    }

    public static T Parse<T>(string path, ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new DataFileException(path, "the file holds JSON null");
        }
        catch (JsonException e) { throw Error(path, e, typeof(T)); }
    }

    /// <summary>
    /// Writes through a temporary file beside <paramref name="path"/>, so that a failure leaves no partial file.
    /// </summary>
    /// <param name="overwrite">
    /// Replace an existing file; when false, one that exists at the final rename is left alone.
    /// </param>
    public static void Write<T>(string path, T value, JsonSerializerOptions? options = null, bool overwrite = true) =>
        AtomicFile.Write(path, stream =>
        {
            JsonSerializer.Serialize(stream, value, options ?? Options);
            stream.WriteByte((byte)'\n');
        }, overwrite);

    /// <summary>
    /// A <see cref="DataFileException"/> for a serializer error, with line and JSON path when known and, when
    /// <paramref name="root"/> (the type being read) is given, what the value at that path should be.
    /// </summary>
    public static DataFileException Error(string path, JsonException e, Type? root = null)
    {
        // The reader's own errors (text that is not JSON) carry no JSON path; the serializer's always do.
        var malformed = string.IsNullOrEmpty(e.Path);
        var where = e.LineNumber is { } line ? $"line {line + 1}" : null;
        if (malformed && where != null && e.BytePositionInLine is { } column) where += $", column {column + 1}";
        if (!malformed) where = where == null ? e.Path : $"{where}, {e.Path}";
        var message = malformed ? $"malformed JSON: {Describe(e, root)}" : Describe(e, root);
        return new DataFileException(path, where == null ? message : $"{where}: {message}");
    }

    // The messages name .NET types and append "Path: … | LineNumber: …" (the serializer's) or "LineNumber: … |
    // BytePositionInLine: …" (the reader's); say it in the file's terms.
    private static string Describe(JsonException e, Type? root)
    {
        var message = e.Message;
        foreach (var suffix in new[] { " Path: ", " LineNumber: " })
        {
            var cut = message.IndexOf(suffix, StringComparison.Ordinal);
            if (cut >= 0) message = message[..cut];
        }
        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            && root != null && e.Path != null && JsonExpectation.At(root, e.Path) is { } expected)
            return $"expected {expected}";
        var missing = MissingMembers().Match(message);
        if (missing.Success) return $"missing {missing.Groups[1].Value}";
        if (message.Contains("doesn't allow null values", StringComparison.Ordinal)) return "must not be null";
        return message;
    }

    [GeneratedRegex("missing required properties including: (.*?)\\.?$")]
    private static partial Regex MissingMembers();
}
