using VocabTrim.Synthetic;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Benchmarks;

/// <summary>
/// Finds ../shared beside the repository (the benchmarks run from a generated folder deep inside bin/).
/// </summary>
internal static class BenchmarkData
{
    public static string Shared { get; } = FindShared();

    public static string File(params string[] parts) => Path.Combine([Shared, .. parts]);

    /// <summary>
    /// Writes the two shared Leipzig samples, concatenated <paramref name="repeat"/> times, into
    /// <paramref name="dir"/> in both forms a benchmark compares: Leipzig lines for vocabtrim, plain sentences
    /// for the reference tools. Returns the paths and the sentences of one copy.
    /// </summary>
    public static (string LeipzigFile, string PlainFile, IReadOnlyList<string> Sentences) WriteSampleCorpus(string dir,
        int repeat)
    {
        var lines = new[] { "eng_news_2020_10K-sentences.txt", "deu_news_2020_10K-sentences.txt" }
            .SelectMany(f => System.IO.File.ReadLines(File("corpora", "leipzig", f))).ToList();
        var sentences = lines.Select(l => l[(l.IndexOf('\t') + 1)..]).ToList();
        var leipzig = Path.Combine(dir, "mixed-sentences.txt");
        var plain = Path.Combine(dir, "mixed-plain.txt");
        System.IO.File.WriteAllLines(leipzig, Enumerable.Repeat(lines, repeat).SelectMany(x => x));
        System.IO.File.WriteAllLines(plain, Enumerable.Repeat(sentences, repeat).SelectMany(x => x));
        return (leipzig, plain, sentences);
    }

    /// <summary>
    /// A random-weight mT5 checkpoint at mt0-small's real shapes (d_model 512, d_ff 1024, 8+8 layers, 6 heads ×
    /// d_kv 64, untied lm_head, F32; 1.2 GB at 250,112 rows) with config.json, generation_config.json,
    /// tokenizer_config.json and special_tokens_map.json. Values are uniform with Hugging Face's per-tensor std
    /// (finite, so validation can run the model) and written as fast as the disk takes them. Add a tokenizer with
    /// <see cref="WriteMt5SizedSentencePiece"/>(folder/spiece.model).
    /// </summary>
    public static void WriteMt0SmallShapedCheckpoint(string folder, int vocabRows = 250_112)
    {
        var architecture = Mt5Architecture.Mt0Small(vocabRows);
        Mt5ConfigFiles.Write(folder, architecture);
        RandomMt5Checkpoint.Write(folder, architecture, seed: 1, WeightFill.FastUniform);
    }

    /// <summary>
    /// The shared mt5-derived-32k model grown to mT5's 250,100 pieces with synthetic low-score pieces inserted
    /// before the sentinels (which stay at 250,000–250,099); real text tokenizes as with the 32k model.
    /// </summary>
    public static void WriteMt5SizedSentencePiece(string path) =>
        Mt5SizedSentencePiece.Extend(SentencePieceModel.Load(File("models", "mt5-derived-32k", "spiece.model")))
            .Save(path);

    /// <summary>
    /// <see cref="WriteMt5SizedSentencePiece"/> with the words of the English and German samples added first as
    /// whole-word pieces (<see cref="Mt5SizedSentencePiece.Extend"/>'s <c>words</c>): corpora grown from the samples
    /// then see pieces, and keep sets, of the real mT5 model's order of size (about 47,000 rows for en:15000,
    /// de:30000, overall 2000) instead of the 32k model's few thousand.
    /// </summary>
    public static void WriteMt5SizedSentencePieceWithSampleWords(string path)
    {
        var words = SampleWords.ByFrequency(
            File("corpora", "leipzig", "eng_news_2020_10K-sentences.txt"),
            File("corpora", "leipzig", "deu_news_2020_10K-sentences.txt"));
        var model = SentencePieceModel.Load(File("models", "mt5-derived-32k", "spiece.model"));
        Mt5SizedSentencePiece.Extend(model, words: words).Save(path);
    }

    private static string FindShared()
    {
        var env = Environment.GetEnvironmentVariable("VOCABTRIM_SHARED");
        if (!string.IsNullOrEmpty(env)) return env;
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "VocabTrim.sln")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        throw new InvalidOperationException("shared/ not found beside the repository; set VOCABTRIM_SHARED");
    }
}
