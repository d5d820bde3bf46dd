using VocabTrim.Corpora.Fetching;
using VocabTrim.Counting;
using VocabTrim.Recipes;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers;
using VocabTrim.Validation;

namespace VocabTrim.Reporting.Tests.Support;

/// <summary>
/// The facts of one real adaptation, made once for all tests by the real stages on shared data: the two Leipzig
/// samples counted with mt5-tiny's spiece.model, a selection, mt5-tiny trimmed to it, and a short validation.
/// </summary>
public sealed class RealAdaptation : IDisposable
{
    public const int SentencesPerLanguage = 2000;
    public static readonly IReadOnlyList<LanguageQuota> Quotas = [new("en", 60), new("de", 80)];
    public const int Overall = 200;

    private readonly TempDir _dir = new();

    public RealAdaptation()
    {
        ModelFolder = SharedData.Reference("mt5-tiny");
        var spiece = SharedData.Mt5TinySpiece;
        var counter = new CorpusCounter(TokenizerFile.Load(spiece).Tokenizer, threads: 2);
        var options = new CountingOptions(
            SentencesPerLanguage, SkipMalformed: false, Format: CorpusCounter.LeipzigFormat);
        Counts =
        [
            counter.Count("en", SharedData.EnglishSample, options),
            counter.Count("de", SharedData.GermanSample, options),

        ];
        Selection = VocabularySelector.Select(TokenizerVocabulary.Load(spiece), Counts, Quotas, Overall);
        SlimFolder = _dir.File("slim");
        Trim = ModelTrimmer.Trim(ModelFolder, Selection.ToKeepList(), SlimFolder);
        Parameters = ParameterGroups.Measure(ModelFolder, Trim, SlimFolder);
        Validation = new SlimModelValidator(new ValidationOptions(MaxSentences: 40, LogitSentences: 2, MaxNewTokens: 3))
            .Validate(ModelFolder, SlimFolder, [("en", SharedData.EnglishSample), ("de", SharedData.GermanSample)]);
        var manifest = CorpusManifest.BuiltIn();
        Facts = new AdaptationFacts(
            BaseModel.Hub("bigscience/mt0-xl", "main", "0123456789abcdef0123456789abcdef01234567"),
            "mt0-xl-en-de",
            File.ReadAllText(Fixture("mt0-card.md")),
            [.. Counts.Select(c => CorpusFact.Of(c, manifest))],
            Counts,
            Selection,
            Trim,
            Parameters,
            Validation,
            [
                new StageTiming("count", 1.25, Reused: true), new StageTiming("select", 0.5),
                new StageTiming("trim", 0.75), new StageTiming("validate", 2.5),
            ],
            CardMetadata.Empty);
    }

    public string ModelFolder { get; }

    public string SlimFolder { get; }

    public IReadOnlyList<LanguageCounts> Counts { get; }

    public KeptVocabulary Selection { get; }

    public ModelTrimReport Trim { get; }

    public ParameterGroups Parameters { get; }

    public ValidationReport Validation { get; }

    public AdaptationFacts Facts { get; }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public void Dispose() => _dir.Dispose();
}
