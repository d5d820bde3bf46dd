using System.Text;

namespace VocabTrim.DemoAssets;

/// <summary>
/// The demo's corpora: the first lines of the shared Leipzig samples, byte for byte, and their README.
/// </summary>
public static class DemoCorpora
{
    public const string Folder = "corpora/demo";
    public const int Lines = 2000;

    /// <summary>Shared sample → demo excerpt, per language.</summary>
    public static IReadOnlyList<(string Language, string Sample, string Excerpt)> Files { get; } =
    [
        ("en", "eng_news_2020_10K-sentences.txt", "eng_news_2020_2K-sentences.txt"),
        ("de", "deu_news_2020_10K-sentences.txt", "deu_news_2020_2K-sentences.txt"),
    ];

    /// <summary>
    /// The first <paramref name="lines"/> lines of <paramref name="path"/>, bytes unchanged (LF included).
    /// </summary>
    public static byte[] Excerpt(string path, int lines)
    {
        var bytes = File.ReadAllBytes(path);
        var end = 0;
        for (var n = 0; n < lines; n++)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', end);
            if (newline < 0)
                throw new DemoAssetsException($"{path}: has only {n} complete lines, the demo takes the first {lines}");
            end = newline + 1;
        }
        return bytes[..end];
    }

    // One line in the README, as it always was.
    private const string License =
        "Source: Leipzig Corpora Collection (https://wortschatz.uni-leipzig.de/en/download), licensed CC BY 4.0. " +
        "Cite: D. Goldhahn, T. Eckart, U. Quasthoff (2012): Building Large Monolingual Dictionaries at the Leipzig " +
        "Corpora Collection: From 100 to 200 Languages. LREC 2012.";

    public static byte[] Readme(IReadOnlyDictionary<string, byte[]> excerpts)

    {
        var sizes = string.Join("\n", Files.Select(f =>
            $"| `{f.Excerpt}` | {f.Language} | first {Lines:N0} lines of `shared/corpora/leipzig/{f.Sample}` | " +
            $"{excerpts[f.Excerpt].Length:N0} bytes |"));
        return Encoding.UTF8.GetBytes($$"""
            # corpora/demo/ — Leipzig excerpts for the offline demo

            Two small corpora in the Leipzig Corpora Collection's sentence format (`id<TAB>sentence`, UTF-8, LF), so
            that the README's first command runs `vocabtrim adapt` without a network. They are too small for a real
            model: use the 1M-sentence corpora (`vocabtrim corpus list`) for that.

            | file | language | made from | size |
            | --- | --- | --- | --- |
            {{sizes}}

            The files are the samples' lines byte for byte. The German sample's ids were re-numbered 1..10000 and a
            few quote characters were lost in an intermediate copy before it reached us; otherwise these are the
            original sentences.

            ## License and citation

            {{License}}

            ## How they were made

            This README and both excerpts are written by the demo generator, together with the demo model
            `models/demo-mt5/`; from the repository root, with the shared data in `../shared`:

                dotnet run --project tools/VocabTrim.DemoAssets -- --shared ../shared --out .

            The output is byte-identical on every machine, and `tests/VocabTrim.Demo.Tests` checks that the
            committed files are exactly what the generator writes. Edit `tools/VocabTrim.DemoAssets`, not these
            files. See `tools/VocabTrim.DemoAssets/README.md`.

            """.Replace("\r\n", "\n"));
    }
}
