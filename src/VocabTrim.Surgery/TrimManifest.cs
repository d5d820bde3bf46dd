using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using VocabTrim.Counting;
using System.Text.Json.Nodes;
using VocabTrim.Checkpoints;
using VocabTrim.Common;

namespace VocabTrim.Surgery;

/// <summary>
/// vocabtrim.json in the output folder: where the model came from (sha256 of every file read), which keep list
/// made it, and what changed, so that a trimmed model can be traced and reproduced. The one type that writes and
/// reads the file (trimming writes it; validation and the resolved recipe read it back).
/// </summary>
public sealed record TrimManifest(
    string Format,
    int Version,
    string ToolVersion,
    string ModelType,
    TrimManifest.SourceRecord Source,
    TrimManifest.KeepListRecord KeepList,
    TrimManifest.BeforeAfter VocabularyRows,
    TrimManifest.BeforeAfter Parameters,
    TrimManifest.BeforeAfter WeightBytes,
    TrimManifest.DtypeRecord Dtype,
    IReadOnlyList<string> SlicedTensors,
    IReadOnlyDictionary<string, string> LeftOut,
    IReadOnlyList<string> Notes)
{
    public const string FileName = "vocabtrim.json";
    public const string FormatName = "vocabtrim-trim";
    public const int CurrentVersion = 1;

    /// <summary>Everything that depends on how the original was stored (not on the result).</summary>
    /// <param name="Files">Size and sha256 of every original file trimming read, by name.</param>
    public sealed record SourceRecord(string Folder, IReadOnlyDictionary<string, FileDigest> Files,
        IReadOnlyDictionary<string, string?> TiedDuplicatesDropped);

    /// <param name="Path">
    /// Where the keep list was read, or as the folder records it (<c>keep.json</c>); null: given in memory.
    /// </param>
    /// <param name="Ids">
    /// New id i = original id <c>Ids[i]</c>: what lets validation compare the slim model with its original. Null in
    /// files of older vocabtrims.
    /// </param>
    public sealed record KeepListRecord(string? Path, string Sha256, int Kept, IReadOnlyList<int> PlaceholderIds,
        IReadOnlyList<int>? Ids = null);

    /// <param name="ZeroPaddingRows">Vocabulary rows only: zero rows added to reach a multiple.</param>
    public sealed record BeforeAfter(long Before, long After,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ZeroPaddingRows = null);

    public sealed record DtypeRecord(string Requested, int ConvertedTensors);

    private static readonly JsonSerializerOptions Options = new()
    {
        // As transformers writes its JSON files: two-space indent, non-ASCII left readable.
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static TrimManifest Of(ModelTrimReport report, string sourceFolder,
        IReadOnlyDictionary<string, FileDigest> sources,
        string? keepListPath, string keepListSha256, IReadOnlyList<int> keptIds)
    {
        var files = sources.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value,
            StringComparer.Ordinal);
        var dropped = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var t in report.Tensors)
            if (t.Action == TensorAction.Drop) dropped[t.Name] = t.Reason;
        // Sorted: the same result from a pickle and from safetensors (which list tensors in different orders)
        // gives the same record.
        var sliced = report.Tensors
            .Where(t => t.Action is TensorAction.SliceRows or TensorAction.SliceBiasRow)
            .Select(t => t.Name == t.OutputName ? t.Name : $"{t.Name} → {t.OutputName}")
            .Order(StringComparer.Ordinal).ToList();
        return new TrimManifest(FormatName, CurrentVersion, Common.ToolVersion.Current, report.ModelType,
            new SourceRecord(sourceFolder, files, dropped),
            new KeepListRecord(keepListPath, keepListSha256, report.Kept, report.PlaceholderIds, keptIds),
            new BeforeAfter(report.RowsBefore, report.RowsAfter, report.PaddingRowsAdded),
            new BeforeAfter(report.ParametersBefore, report.ParametersAfter),
            new BeforeAfter(report.BytesBefore, report.BytesAfter),
            new DtypeRecord(report.Dtype.Name, report.ConvertedTensors),
            sliced, new Dictionary<string, string>(report.LeftOut, StringComparer.Ordinal), report.Notes);
    }

    public byte[] ToBytes() => [.. JsonSerializer.SerializeToUtf8Bytes(this, Options), (byte)'\n'];

    public void Write(string path) => AtomicFile.Write(path, stream => stream.Write(ToBytes()));

    /// <summary>
    /// Reads a vocabtrim.json; a damaged one is a <see cref="DataFileException"/> naming the line and JSON path.
    /// </summary>
    public static TrimManifest Read(string path)
    {
        var bytes = JsonDataFile.ReadBytes(path);
        try
        {
            return JsonSerializer.Deserialize<TrimManifest>(bytes, Options)
                ?? throw new DataFileException(path, "the file holds JSON null");
        }
        catch (JsonException e) { throw JsonDataFile.Error(path, e, typeof(TrimManifest)); }
    }
}
