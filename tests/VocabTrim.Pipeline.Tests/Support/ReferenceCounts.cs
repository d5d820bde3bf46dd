using VocabTrim.Counting;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers;

namespace VocabTrim.Pipeline.Tests.Support;

/// <summary>
/// Counts made with the reference encoder on the first sentences of the shared Leipzig samples, standing in
/// for the counting engine, together with the encodings they came from.
/// </summary>
internal sealed class ReferenceCounts
{
    public const int SentencesPerLanguage = 2000;

    private static readonly Dictionary<string, Lazy<ReferenceCounts>> Cache = new()
    {
        ["unigram-ende-16k"] = new(() => new ReferenceCounts(SharedData.UnigramEnDe16k)),
        ["mt5-derived-32k"] = new(() => new ReferenceCounts(SharedData.Mt5Derived32k)),
    };

    public static ReferenceCounts For(string model) => Cache[model].Value;

    private ReferenceCounts(string modelPath)
    {
        ModelPath = modelPath;
        Vocabulary = TokenizerVocabulary.Load(modelPath);
        foreach (var (language, sample) in new[] { ("en", SharedData.EnglishSample), ("de", SharedData.GermanSample) })
        {
            var sentences = LeipzigSentences(sample, SentencesPerLanguage);
            var encoded = ReferenceSentencePiece.EncodeLines(modelPath, sentences).ToArray();
            Sentences[language] = sentences;
            Encodings[language] = encoded;
            Counts[language] = Count(language, sample, encoded);
        }
    }

    public string ModelPath { get; }

    public TokenizerVocabulary Vocabulary { get; }

    public Dictionary<string, IReadOnlyList<string>> Sentences { get; } = [];

    public Dictionary<string, int[][]> Encodings { get; } = [];

    public Dictionary<string, LanguageCounts> Counts { get; } = [];

    public IReadOnlyList<string> AllSentences => [.. Sentences["en"], .. Sentences["de"]];

    public int[][] AllEncodings => [.. Encodings["en"], .. Encodings["de"]];

    // The Leipzig format is "id<TAB>sentence"; the shared samples are well formed.
    private static List<string> LeipzigSentences(string path, int count) =>
        [.. File.ReadLines(path).Take(count).Select(line => line[(line.IndexOf('\t') + 1)..])];

    private LanguageCounts Count(string language, string sample, int[][] encoded)
    {
        var counts = new long[Vocabulary.Count];
        long tokens = 0, unknown = 0, bytes = 0;
        foreach (var id in encoded.SelectMany(s => s))
        {
            counts[id]++;
            tokens++;
            if (Vocabulary.KindOf(id) == PieceKind.Unknown) unknown++;
            if (Vocabulary.KindOf(id) == PieceKind.Byte) bytes++;
        }
        return new LanguageCounts
        {
            Language = language,
            Counts = counts,
            Sentences = encoded.Length,
            Tokens = tokens,
            UnknownTokens = unknown,
            ByteFallbackTokens = bytes,
            Corpus = CorpusInfo.OfFile(sample, $"Leipzig news 2020 sample, first {SentencesPerLanguage} sentences"),
            Options = new CountingOptions(SentencesPerLanguage, SkipMalformed: false, Format: "leipzig"),
        };
    }
}
