using System.Text.Json;

namespace VocabTrim.TestSupport;

/// <summary>
/// The reference SentencePiece (Debian's sentencepiece 0.1.97): <c>spm_encode</c> for corpora,
/// <c>/usr/bin/python3</c> with its binding for texts a line-based tool cannot carry.
/// </summary>
public static class ReferenceSentencePiece
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Ids of each line as <c>spm_encode --output_format=id</c> prints them.</summary>
    public static List<int[]> EncodeLines(string model, IReadOnlyList<string> lines)
    {
        if (lines.Any(l => l.Contains('\n'))) throw new ArgumentException("spm_encode is line based: no newlines");
        var output = ExternalTool.Run("spm_encode", [$"--model={model}", "--output_format=id"],
            stdin: string.Join("\n", lines) + "\n");
        var result = output.Split('\n').SkipLast(1)
            .Select(l => l.Length == 0 ? [] : l.Split(' ').Select(int.Parse).ToArray()).ToList();
        if (result.Count != lines.Count)
            throw new InvalidOperationException($"spm_encode printed {result.Count} lines for {lines.Count} inputs");
        return result;
    }

    /// <summary>Ids of arbitrary texts (any characters) through the Python binding.</summary>
    public static List<int[]> EncodeTexts(string model, IReadOnlyList<string> texts)
    {
        const string script = """
            import sys, json, sentencepiece as spm
            sp = spm.SentencePieceProcessor(model_file=sys.argv[1])
            texts = json.load(sys.stdin)
            print(json.dumps([sp.encode(t) for t in texts]))
            """;
        var output = ExternalTool.Run(Python, ["-c", script, model], stdin: JsonSerializer.Serialize(texts));
        return JsonSerializer.Deserialize<List<int[]>>(output)!;
    }

    /// <summary>Decoded texts for id sequences through the Python binding.</summary>
    public static List<string> DecodeIds(string model, IReadOnlyList<int[]> ids)
    {
        const string script = """
            import sys, json, sentencepiece as spm
            sp = spm.SentencePieceProcessor(model_file=sys.argv[1])
            print(json.dumps([sp.decode(i) for i in json.load(sys.stdin)]))
            """;
        var output = ExternalTool.Run(Python, ["-c", script, model], stdin: JsonSerializer.Serialize(ids));
        return JsonSerializer.Deserialize<List<string>>(output)!;
    }

    /// <summary>Trains a model with <c>spm_train</c> into <paramref name="dir"/>; returns the .model path.</summary>
    public static string Train(string dir, string input, string prefix, params IEnumerable<string> options)
    {
        var modelPrefix = Path.Combine(dir, prefix);
        ExternalTool.Run("spm_train", [$"--input={input}", $"--model_prefix={modelPrefix}", "--num_threads=2", .. options]);
        return modelPrefix + ".model";
    }
}
