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
    public static List<int[]> EncodeLines(string model, IReadOnlyList<string> lines) =>
        [.. SplitLines(RunOnLines("spm_encode", [$"--model={model}", "--output_format=id"], lines), lines.Count)
            .Select(ParseIds)];

    /// <summary>Texts of id sequences as <c>spm_decode --input_format=id</c> prints them.</summary>
    public static string[] DecodeLines(string model, IReadOnlyList<int[]> ids) =>
        SplitLines(
            RunOnLines(
                "spm_decode", [$"--model={model}", "--input_format=id"], [.. ids.Select(s => string.Join(' ', s))]),
            ids.Count);

    // The input goes through a file: a line-based tool needs no stdin feeder competing for the thread pool.
    private static string RunOnLines(string tool, string[] args, IReadOnlyList<string> lines)
    {
        if (lines.Any(l => l.Contains('\n'))) throw new ArgumentException($"{tool} is line based: no newlines");
        using var dir = new TempDir();
        var input = dir.File("input.txt");
        File.WriteAllText(input, string.Concat(lines.Select(l => l + "\n")));
        return ExternalTool.Run(tool, [.. args, input]);
    }

    private static string[] SplitLines(string output, int expected)
    {
        var lines = output.Split('\n');
        if (lines.Length != expected + 1)
            throw new InvalidOperationException(
                $"the reference printed {lines.Length - 1} lines for {expected} inputs");
        return lines[..expected];
    }

    private static int[] ParseIds(string line) => line.Length == 0 ? [] : [.. line.Split(' ').Select(int.Parse)];

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
        ExternalTool.Run(
            "spm_train", [$"--input={input}", $"--model_prefix={modelPrefix}", "--num_threads=2", .. options]);
        return modelPrefix + ".model";
    }
}
