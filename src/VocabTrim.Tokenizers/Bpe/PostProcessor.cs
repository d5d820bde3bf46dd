using System.Text.Json;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// The <c>post_processor</c> stage. vocabtrim encodes without special tokens (as counting needs), so
/// post-processors never change its ids; they are read only to reject unknown kinds and so that
/// trimming can find the ids they hold. <c>ByteLevel</c> (BLOOM's) only adjusts offsets.
/// </summary>
public static class PostProcessor
{
    private static readonly HashSet<string> Known = ["ByteLevel", "TemplateProcessing", "BertProcessing", "RobertaProcessing", "Sequence"];

    public static void Validate(JsonElement root, string path)
    {
        if (JsonRead.IsNull(root, "post_processor")) return;
        Check(root.GetProperty("post_processor"), path);
    }

    private static void Check(JsonElement json, string path)
    {
        var type = JsonRead.TypeOf(json, path);
        if (!Known.Contains(type))
            throw new TokenizerFormatException($"{path}.type", $"post-processor '{type}' is not supported ({string.Join(", ", Known)})");
        if (type == "Sequence")
        {
            var i = 0;
            foreach (var p in JsonRead.Required(json, "processors", path).EnumerateArray()) Check(p, $"{path}.processors[{i++}]");
        }
    }
}
