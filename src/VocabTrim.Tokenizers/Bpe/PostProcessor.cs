using System.Text.Json;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// The <c>post_processor</c> stage: what <c>add_special_tokens</c> puts around one sequence. Counting encodes
/// without special tokens, so this never changes counts; it is read to reject unknown kinds, so that
/// trimming can find and remap the ids it holds, and so that the remapped ids can be checked against the
/// reference. <c>ByteLevel</c> (BLOOM, Llama 3, Qwen) only adjusts offsets; <c>TemplateProcessing</c>
/// (Gemma's and Llama 2's bos) puts its <c>single</c> template's special tokens around the text.
/// </summary>
public sealed class PostProcessor
{
    private static readonly HashSet<string> Known =
        ["ByteLevel", "TemplateProcessing", "BertProcessing", "RobertaProcessing", "Sequence"];

    /// <summary>Ids before the sequence and after it.</summary>
    public IReadOnlyList<int> Before { get; }
    public IReadOnlyList<int> After { get; }

    private PostProcessor(IReadOnlyList<int> before, IReadOnlyList<int> after)
    {
        Before = before;
        After = after;
    }

    public static PostProcessor Parse(JsonElement root, string path)
    {
        var (before, after) = (new List<int>(), new List<int>());
        if (!JsonRead.IsNull(root, "post_processor")) Read(root.GetProperty("post_processor"), path, before, after);
        return new PostProcessor(before, after);
    }

    public void Apply(List<int> ids)
    {
        ids.InsertRange(0, Before);
        ids.AddRange(After);
    }

    private static void Read(JsonElement json, string path, List<int> before, List<int> after)
    {
        var type = JsonRead.TypeOf(json, path);
        if (!Known.Contains(type))
            throw new TokenizerFormatException(
                $"{path}.type", $"post-processor '{type}' is not supported ({string.Join(", ", Known)})");
        switch (type)
        {
            case "Sequence":
                var i = 0;
                foreach (var p in JsonRead.Required(json, "processors", path).EnumerateArray())
                    Read(p, $"{path}.processors[{i++}]", before, after);
                break;
            case "TemplateProcessing":
                ReadTemplate(json, path, before, after);
                break;
            case "BertProcessing" or "RobertaProcessing":
                before.Insert(0, SpecialId(json, "cls", path));
                after.Add(SpecialId(json, "sep", path));
                break;
        }
    }

    private static void ReadTemplate(JsonElement json, string path, List<int> before, List<int> after)
    {
        var specials = JsonRead.Required(json, "special_tokens", path);
        var single = JsonRead.Required(json, "single", path);
        var (pre, post) = (new List<int>(), new List<int>());
        var seenSequence = false;
        var i = 0;
        foreach (var piece in single.EnumerateArray())
        {
            var at = $"{path}.single[{i++}]";
            if (piece.ValueKind == JsonValueKind.Object && piece.TryGetProperty("Sequence", out _))
            {
                if (seenSequence) throw new TokenizerFormatException(at, "a single template holds one sequence");
                seenSequence = true;
            }
            else if (piece.ValueKind == JsonValueKind.Object && piece.TryGetProperty("SpecialToken", out var special))
            {
                var name = JsonRead.String(special, "id", $"{at}.SpecialToken");
                if (!specials.TryGetProperty(name, out var entry))
                    throw new TokenizerFormatException(
                        $"{at}.SpecialToken.id", $"'{name}' is not in {path}.special_tokens");
                var ids = JsonRead.Required(entry, "ids", $"{path}.special_tokens.{name}");
                var j = 0;
                foreach (var id in ids.EnumerateArray())
                {
                    (seenSequence ? post : pre).Add(
                        id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var v) && v >= 0 ? v
                        : throw new TokenizerFormatException(
                            $"{path}.special_tokens.{name}.ids[{j}]", $"expected a token id, found {id}"));
                    j++;
                }
            }
            else
            {
                throw new TokenizerFormatException(at, "expected {\"Sequence\": …} or {\"SpecialToken\": …}");
            }
        }
        before.InsertRange(0, pre);
        after.AddRange(post);
    }

    private static int SpecialId(JsonElement json, string name, string path)
    {
        var pair = JsonRead.Required(json, name, path);
        return pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2
               && pair[1].TryGetInt32(out var id) && id >= 0
            ? id
            : throw
 new TokenizerFormatException($"{path}.{name}", "expected [token, id]");
    }
}
