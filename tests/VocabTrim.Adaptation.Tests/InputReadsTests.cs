using VocabTrim.Counting;
using VocabTrim.Recipes;
using VocabTrim.TestSupport;
using VocabTrim.Validation;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// Stages hand over objects, so a run reads each input once: a corpus in the pass that counts and hashes it, the
/// tokenizer once for counting, trimming and validation. Opens are counted by the kernel (inotify) on private
/// copies of the inputs, so other tests reading the shared files do not count.
/// </summary>
public sealed class InputReadsTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly string _model;
    private readonly string _english;
    private readonly string _german;

    public InputReadsTests()
    {
        _model = Directory.CreateDirectory(_temp.File("model")).FullName;
        foreach (var file in Directory.GetFiles(SharedData.Reference("mt5-tiny")))
            File.Copy(file, Path.Combine(_model, Path.GetFileName(file)));
        _english = _temp.File("eng_news_2020_10K-sentences.txt");
        _german = _temp.File("deu_news_2020_10K-sentences.txt");
        File.Copy(SharedData.EnglishSample, _english);
        File.Copy(SharedData.GermanSample, _german);
    }

    public void Dispose() => _temp.Dispose();

    private AdaptationPlan Plan(string output, bool validate, string? recordedEnglishSha = null) => new()
    {
        ModelFolder = _model,
        Languages =
        [
            new LanguagePlan(
                "en", 300, _english, "eng", new CountingOptions(2000, false, CorpusCounter.LeipzigFormat),
                recordedEnglishSha),
            new LanguagePlan("de", 400, _german, "deu", new CountingOptions(2000, false, CorpusCounter.LeipzigFormat)),
        ],
        Overall = 50,
        OutputFolder = output,
        CountsCache = new CountsCache(_temp.File("cache")),
        // Validated on the shared samples, so that the counted copies are read by counting alone.
        Validation = validate
            ? new ValidationPlan(
                [("en", SharedData.EnglishSample), ("de", SharedData.GermanSample)], new ValidationOptions(
                    MaxSentences: 100, LogitSentences: 2, MaxNewTokens: 3))
            : null,
    };

    [Fact]
    public void A_validated_run_opens_each_corpus_once_and_the_tokenizer_once()
    {
        var spiece = Path.Combine(_model, "spiece.model");
        using var opens = new FileOpenCounter(_english, _german, spiece);

        var result = Adaptation.Run(Plan(_temp.File("out"), validate: true));

        result.Passed.Should().BeTrue(string.Join("; ", result.Validation!.Failures));
        opens.Opens(_english).Should().Be(1, "the corpus is counted and hashed in one pass");
        opens.Opens(_german).Should().Be(1);
        opens.Opens(spiece).Should().Be(1, "counting, trimming and validation share the tokenizer read once");
        result.Counts[0].Corpus.Sha256.Should().Be(
            Sha256(_english), "the hash covers the whole file though counting stopped at 2,000 sentences");
    }

    [Fact]
    public void Counts_reused_from_the_cache_cost_one_read_of_the_corpus_and_no_count()
    {
        Adaptation.Run(Plan(_temp.File("first"), validate: false));
        using var opens = new FileOpenCounter(_english, _german);

        var again = Adaptation.Run(Plan(_temp.File("again"), validate: false));

        again.Stages.Where(s => s.Stage.StartsWith("count ", StringComparison.Ordinal)).Should()
            .OnlyContain(s => s.Reused);
        opens.Opens(_english).Should().Be(1, "the hash that proves the cached counts are of this file");
        opens.Opens(_german).Should().Be(1);
    }

    [Fact]
    public void A_recorded_corpus_hash_is_checked_by_the_count_that_reads_it()
    {
        var recorded = Sha256(_english);
        using (var opens = new FileOpenCounter(_english))
        {
            Adaptation.Run(Plan(_temp.File("same"), validate: false, recordedEnglishSha: recorded));
            opens.Opens(_english).Should().Be(1, "reproducing a recipe checks the corpus without reading it once more");
        }

        var changed = () =>
            Adaptation.Run(Plan(_temp.File("changed"), validate: false, recordedEnglishSha: new string('a', 64)));

        changed.Should().Throw<AdaptationException>().WithMessage(
            "resolved.corpora.en: sha256 aaaaaaaaaaaa… recorded, * now (*); the corpus changed since the recipe was " +
            "run");
        Directory.Exists(_temp.File("changed")).Should().BeFalse();
    }

    [Fact]
    public async Task Reproducing_a_written_recipe_reads_the_tokenizer_once_and_checks_its_hash_on_those_bytes()
    {
        var recipe = _temp.File("recipe.json");
        File.WriteAllText(recipe, $$"""
            {
              "model": "{{_model}}",
              "languages": { "en": { "top": 300, "corpus": "{{_english}}", "maxSentences": 2000 } },
              "overall": 50,
              "validation": { "skip": true }
            }
            """);
        var cache = _temp.File("vocabtrim");
        await Adaptation.RunAsync(RecipeFile.Load(recipe), new AdaptationSettings(_temp.File("first")), cache);
        var written = RecipeFile.Load(Path.Combine(_temp.File("first"), OutputFiles.Recipe));
        var spiece = Path.Combine(_model, "spiece.model");

        using (var opens = new FileOpenCounter(spiece))
        {
            await Adaptation.RunAsync(written, new AdaptationSettings(_temp.File("again")), cache);
            opens.Opens(spiece).Should().Be(1,
                "the load that counting, trimming and validation share also checks the recorded hash");
        }
        File.ReadAllBytes(_temp.File("again/spiece.model"))
            .Should().Equal(File.ReadAllBytes(_temp.File("first/spiece.model")));

        // The lowest bit of one piece's score: still a valid model of the same length, so only the hash can tell.
        var bytes = File.ReadAllBytes(spiece);
        var score = bytes.AsSpan().IndexOf("▁the\u0015"u8) + "▁the\u0015"u8.Length;
        bytes[score] ^= 1;
        File.WriteAllBytes(spiece, bytes);
        var changed = () => Adaptation.RunAsync(written, new AdaptationSettings(_temp.File("changed")), cache);

        (await changed.Should().ThrowAsync<AdaptationException>()).Which.Message.Should().MatchRegex(
            @"^resolved\.model\.files\.spiece\.model: sha256 [0-9a-f]{12}… recorded, [0-9a-f]{12}… now " +
            @"\(.*spiece\.model\); the model changed since the recipe was run$");
        Directory.Exists(_temp.File("changed")).Should().BeFalse();
    }

    private static string Sha256(string path) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
