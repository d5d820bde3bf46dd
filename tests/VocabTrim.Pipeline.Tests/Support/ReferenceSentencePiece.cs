using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Support;

/// <summary>The reference SentencePiece command line tools, one call for many sentences.</summary>
internal static class ReferenceSentencePiece
{
    public static int[][] Encode(string model, IReadOnlyList<string> sentences)
    {
        var output = RunOnLines("spm_encode", [$"--model={model}", "--output_format=id"], sentences);
        return [.. SplitLines(output, sentences.Count).Select(ParseIds)];
    }

    public static string[] Decode(string model, IReadOnlyList<int[]> ids)
    {
        var output = RunOnLines("spm_decode", [$"--model={model}", "--input_format=id"], [.. ids.Select(s => string.Join(' ', s))]);
        return SplitLines(output, ids.Count);
    }

    // The input goes through a file: feeding stdin from a pool thread stalls when parallel tests hold the pool.
    private static string RunOnLines(string tool, string[] args, IReadOnlyList<string> lines)
    {
        using var dir = new TempDir();
        var input = dir.File("input.txt");
        File.WriteAllText(input, string.Concat(lines.Select(l => l + "\n")));
        return ExternalTool.Run(tool, [.. args, input]);
    }

    private static string[] SplitLines(string output, int expected)
    {
        var lines = output.Split('\n');
        lines.Length.Should().Be(expected + 1, "the tool writes one line per input line");
        return lines[..expected];
    }

    private static int[] ParseIds(string line) =>
        line.Length == 0 ? [] : [.. line.Split(' ').Select(int.Parse)];
}
