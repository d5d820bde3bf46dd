using System.Text.Json;
using VocabTrim.Common;
using VocabTrim.Tokenizers;

namespace VocabTrim.Selection;

/// <summary>
/// keep.json: the kept ids with the rule and the reasons, as written by vocabtrim select. Reading also
/// takes a plain JSON array of ids or an object with only a <c>kept</c> array, as other tools write them.
/// </summary>
public static class KeepListFile
{
    private static readonly JsonSerializerOptions WriteOptions = CreateWriteOptions();

    /// <param name="overwrite">
    /// Replace an existing file; when false, one found at the final rename is left alone.
    /// </param>
    public static void Write(string path, KeptVocabulary kept, bool overwrite = true) =>
        JsonDataFile.Write(path, Document(kept), WriteOptions, overwrite);

    /// <summary>
    /// The bytes <see cref="Write"/> writes, for a run that hands the keep list on in memory and writes it as an
    /// output.
    /// </summary>
    public static byte[] ToBytes(KeptVocabulary kept) =>
        [.. JsonSerializer.SerializeToUtf8Bytes(Document(kept), WriteOptions), (byte)'\n'];

    private static KeepListDocument Document(KeptVocabulary kept) =>
        new(KeepListDocument.FormatName, KeepListDocument.CurrentVersion,
            kept.Tokenizer, kept.Rule, kept.Totals, kept.Languages, kept.Ids, kept.Pieces)
        { Notes = kept.Notes };

    public static KeepList Read(string path)
    {
        var bytes = JsonDataFile.ReadBytes(path);
        JsonDocument document;
        try { document = JsonDocument.Parse(bytes); }
        catch (JsonException e) { throw JsonDataFile.Error(path, e); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
                return Checked(path, new KeepList(IdsFrom(path, root, "$"), null), "$");
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String
                    && format.GetString() == KeepListDocument.FormatName)
                    return Checked(path, FromDocument(path, JsonDataFile.Parse<KeepListDocument>(path, bytes)),
                        "$.kept");
                if (root.TryGetProperty("kept", out var kept))
                    return Checked(path, new KeepList(IdsFrom(path, kept, "$.kept"), TokenizerSha256(path, root)),
                        "$.kept");
            }
        }
        throw new DataFileException(path,
            "$: expected a JSON array of ids, an object with a \"kept\" array of ids, or a keep.json written by " +
            "vocabtrim select");
    }

    // {"kept": [...], "tokenizer": {"sha256": "..."}} says which tokenizer its ids index, as keep.json does; it is
    // checked like keep.json's, never dropped.
    private static string? TokenizerSha256(string path, JsonElement root)
    {
        if (!root.TryGetProperty("tokenizer", out var tokenizer) || tokenizer.ValueKind == JsonValueKind.Null)
            return null;
        if (tokenizer.ValueKind != JsonValueKind.Object)
            throw new DataFileException(path,
                "$.tokenizer: expected an object with a \"sha256\", found " +
                $"{tokenizer.ValueKind.ToString().ToLowerInvariant()}");
        if (!tokenizer.TryGetProperty("sha256", out var sha) || sha.ValueKind == JsonValueKind.Null) return null;
        var text = sha.ValueKind == JsonValueKind.String ? sha.GetString()! : "";
        if (text.Length != 64 || !text.All(Uri.IsHexDigit))
            throw new DataFileException(path, $"$.tokenizer.sha256: expected 64 hex digits, found {sha.GetRawText()}");
        return text.ToLowerInvariant();
    }

    private static int[] IdsFrom(string path, JsonElement array, string name)
    {
        if (array.ValueKind != JsonValueKind.Array)
            throw new DataFileException(path,
                $"{name}: expected an array of ids, found {array.ValueKind.ToString().ToLowerInvariant()}");
        var ids = new int[array.GetArrayLength()];
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out ids[i]))
                throw new DataFileException(path,
                    $"{name}[{i}]: expected a whole-number id, found {element.GetRawText()}");
            i++;
        }
        return ids;
    }

    private static KeepList FromDocument(string path, KeepListDocument d)
    {
        if (d.Version != KeepListDocument.CurrentVersion)
            throw new DataFileException(path,
                $"$.version: {d.Version}; this vocabtrim reads version {KeepListDocument.CurrentVersion}");
        if (d.Pieces.Count != d.Kept.Count)
            throw new DataFileException(path,
                $"$.pieces has {d.Pieces.Count} entries but $.kept has {d.Kept.Count} ids");
        for (var i = 0; i < d.Kept.Count; i++)
            if (d.Pieces[i].Id != d.Kept[i])
                throw new DataFileException(path,
                    $"$.pieces[{i}].id is {d.Pieces[i].Id} but $.kept[{i}] is {d.Kept[i]}");
        var selection = new KeptVocabulary(d.Tokenizer, d.Rule, d.Totals, d.Languages, d.Pieces)
        {
            Notes = d.Notes ?? [],
        };
        return new KeepList(d.Kept, d.Tokenizer.Sha256, selection);
    }

    private static KeepList Checked(string path, KeepList list, string name) =>
        KeptIds.Problem(list.Ids, name) is { } problem ? throw new DataFileException(path, problem) : list;

    private static JsonSerializerOptions CreateWriteOptions()
    {
        var compact = new JsonSerializerOptions(JsonDataFile.Options) { WriteIndented = false };
        return new JsonSerializerOptions(JsonDataFile.Options)
        {
            Converters =
            {
                new SingleLineConverter<KeptPiece>(compact, ownLine: true),
                new SingleLineConverter<IReadOnlyList<int>>(compact, ownLine: false),
            },
        };
    }
}
