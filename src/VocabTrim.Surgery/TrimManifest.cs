using System.Text.Json.Nodes;
using VocabTrim.Checkpoints;
using VocabTrim.Common;

namespace VocabTrim.Surgery;

/// <summary>
/// vocabtrim.json in the output folder: where the model came from (sha256 of every file read), which keep list
/// made it, and what changed, so that a trimmed model can be traced and reproduced.
/// </summary>
public static class TrimManifest
{
    public const string FileName = "vocabtrim.json";
    public const string FormatName = "vocabtrim-trim";
    public const int CurrentVersion = 1;

    public static byte[] Create(ModelTrimReport report, string sourceFolder, IReadOnlyDictionary<string, FileDigest> sources,
        string? keepListPath, string keepListSha256, IReadOnlyList<int> keptIds)
    {
        var files = new JsonObject();
        foreach (var (name, digest) in sources.OrderBy(s => s.Key, StringComparer.Ordinal))
            files[name] = new JsonObject { ["bytes"] = digest.Bytes, ["sha256"] = digest.Sha256 };
        var dropped = new JsonObject();
        foreach (var t in report.Tensors)
        {
            if (t.Action == TensorAction.Drop) dropped[t.Name] = t.Reason;
        }
        // Sorted: the same result from a pickle and from safetensors (which list tensors in different orders)
        // gives the same record.
        var sliced = new JsonArray(report.Tensors
            .Where(t => t.Action is TensorAction.SliceRows or TensorAction.SliceBiasRow)
            .Select(t => t.Name == t.OutputName ? t.Name : $"{t.Name} → {t.OutputName}")
            .Order(StringComparer.Ordinal).Select(n => (JsonNode?)n).ToArray());
        var leftOut = new JsonObject();
        foreach (var (name, why) in report.LeftOut) leftOut[name] = why;

        var json = new JsonObject
        {
            ["format"] = FormatName,
            ["version"] = CurrentVersion,
            ["tool_version"] = ToolVersion.Current,
            ["model_type"] = report.ModelType,
            // Everything that depends on how the original was stored (not on the result) is under "source".
            ["source"] = new JsonObject
            {
                ["folder"] = sourceFolder,
                ["files"] = files,
                ["tied_duplicates_dropped"] = dropped,
            },
            ["keep_list"] = new JsonObject
            {
                ["path"] = keepListPath,
                ["sha256"] = keepListSha256,
                ["kept"] = report.Kept,
                ["placeholder_ids"] = new JsonArray(report.PlaceholderIds.Select(i => (JsonNode?)i).ToArray()),
                // New id i = original id ids[i]: what lets validation compare the slim model with its original.
                ["ids"] = new JsonArray(keptIds.Select(i => (JsonNode?)i).ToArray()),
            },
            ["vocabulary_rows"] = new JsonObject
            {
                ["before"] = report.RowsBefore,
                ["after"] = report.RowsAfter,
                ["zero_padding_rows"] = report.PaddingRowsAdded,
            },
            ["parameters"] = new JsonObject { ["before"] = report.ParametersBefore, ["after"] = report.ParametersAfter },
            ["weight_bytes"] = new JsonObject { ["before"] = report.BytesBefore, ["after"] = report.BytesAfter },
            ["dtype"] = new JsonObject { ["requested"] = report.Dtype.Name, ["converted_tensors"] = report.ConvertedTensors },
            ["sliced_tensors"] = sliced,
            ["left_out"] = leftOut,
            ["notes"] = new JsonArray(report.Notes.Select(n => (JsonNode?)n).ToArray()),
        };
        return ModelConfig.Serialize(json);
    }
}
