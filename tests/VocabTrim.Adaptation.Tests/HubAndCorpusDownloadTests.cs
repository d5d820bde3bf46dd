using System.Security.Cryptography;
using VocabTrim.Counting;
using VocabTrim.Hub;
using VocabTrim.Recipes;
using VocabTrim.TestSupport;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// A recipe that names a hub model and Leipzig corpora, run against a fake hub and a corpus server on 127.0.0.1:
/// the model lands in the Hugging Face cache layout, the corpora in vocabtrim's cache, the written recipe pins the
/// commit and the corpora's hashes, and the run can be repeated offline from the caches.
/// </summary>
public sealed class HubAndCorpusDownloadTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly FakeHuggingFaceHub _hub = new();
    private readonly LocalHttpServer _corpora = new();

    public void Dispose()
    {
        _hub.Dispose();
        _corpora.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task
        A_hub_model_and_downloaded_corpora_are_pinned_in_the_written_recipe_and_a_second_run_works_offline()
    {
        var english = LeipzigDownload.Archive("eng_news_2023_1M", SharedData.EnglishSample);
        var german = LeipzigDownload.Archive("deu_news_2023_1M", SharedData.GermanSample);
        _corpora.Serve("eng_news_2023_1M.tar.gz", english);
        _corpora.Serve("deu_news_2023_1M.tar.gz", german);
        // en names its corpus; de names none, so the manifest's default for German is fetched.
        var recipePath = _temp.File("recipe.json");
        File.WriteAllText(recipePath, $$"""
            {
              "model": "{{FakeHuggingFaceHub.RepoId}}",
              "languages": {
                "en": { "top": 300, "corpus": "eng_news_2023_1M", "maxSentences": 2000 },
                "de": { "top": 400, "maxSentences": 2000 }
              },
              "overall": 50,
              "validation": { "sentences": 50, "logitSentences": 2, "maxNewTokens": 4 }
            }
            """);
        var hfCache = _temp.File("hf");
        var cacheRoot = _temp.File("vocabtrim");
        var output = _temp.File("out");

        var result = await Adaptation.RunAsync(RecipeFile.Load(recipePath), Settings(output, cacheRoot), cacheRoot,
            hub: new HubOptions(_hub.Server.Origin, null, hfCache, Offline: false), corpusBaseUrl: _corpora.BaseUrl);

        result.Passed.Should().BeTrue(string.Join("; ", result.Validation!.Failures));
        OutputFolderContents.ShouldBeComplete(output, ["en", "de"]);
        Directory.Exists(Path.Combine(hfCache, "models--tiny-org--mt5-tiny", "snapshots", _hub.Commit)).Should()
            .BeTrue("the model is stored in the Hugging Face cache layout");
        _corpora.Requests.Select(r => r.Path).Should().Contain(
            ["/corpora/eng_news_2023_1M.tar.gz", "/corpora/deu_news_2023_1M.tar.gz"]);

        var resolved = RecipeFile.Load(Path.Combine(output, OutputFiles.Recipe));
        resolved.Model.Text.Should().Be(FakeHuggingFaceHub.RepoId);
        resolved.Revision.Should().Be(_hub.Commit, "a branch is pinned to the commit it resolved to");
        resolved.Resolved!.Model.Source.Should().Be(ModelSource.Hub);
        resolved.Resolved.Model.RepoId.Should().Be(FakeHuggingFaceHub.RepoId);
        resolved.Resolved.Model.Commit.Should().Be(_hub.Commit);
        resolved.Resolved.Model.Files["model.safetensors"].Should().Be(
            FakeHuggingFaceHub.Sha256(_hub.Files["model.safetensors"]));
        resolved.Language("en")!.Corpus!.Text.Should().Be("eng_news_2023_1M");
        resolved.Language("de")!.Corpus!.Text.Should().Be("deu_news_2023_1M", "the default corpus is written down");
        foreach (var (language, archive) in new[] { ("en", english), ("de", german) })
        {
            var corpus = resolved.Resolved.Corpora[language];
            corpus.Sha256.Should().Be(
                Convert.ToHexStringLower(SHA256.HashData(archive)), $"{language}: the hash of the downloaded archive");
            corpus.Path.FullPath.Should().StartWith(Path.Combine(cacheRoot, "corpora") + Path.DirectorySeparatorChar);
            File.ReadAllBytes(corpus.Path.FullPath).Should().Equal(archive);
        }
        var card = CardFrontMatterText.Of(Path.Combine(output, OutputFiles.Card));
        card.Value("base_model").Should().Be(FakeHuggingFaceHub.RepoId);
        card.Value("license").Should().Be("apache-2.0", "the license is carried from the original card");
        var cardText = File.ReadAllText(Path.Combine(output, OutputFiles.Card));
        cardText.Should().Contain("# Language adaption of " + FakeHuggingFaceHub.RepoId).And.Contain(
            "A tiny random mT5 for tests.", "the original card follows");
        cardText.Should().Contain("eng_news_2023_1M").And.Contain("deu_news_2023_1M");

        // Again, from the written recipe, with the hub offline: everything comes from the two caches.
        var requests = _hub.Requests.Count() + _corpora.Requests.Count;
        var again = await Adaptation.RunAsync(
            resolved, Settings(_temp.File("again"), cacheRoot) with { CountsCache = null }, cacheRoot,
            hub: new HubOptions(_hub.Server.Origin, null, hfCache, Offline: true), corpusBaseUrl: _corpora.BaseUrl);

        again.Passed.Should().BeTrue();
        (_hub.Requests.Count() + _corpora.Requests.Count).Should().Be(requests, "nothing is downloaded twice");
        File.ReadAllBytes(_temp.File("again/keep.json")).Should().Equal(
            File.ReadAllBytes(Path.Combine(output, "keep.json")));
        File.ReadAllBytes(_temp.File("again/model.safetensors")).Should().Equal(
            File.ReadAllBytes(Path.Combine(output, "model.safetensors")));

        // The regression test a user keeps, as a process configured the Hugging Face way, finds both in the caches too.
        var test = VocabTrimProcess.Run(new Dictionary<string, string?>
        {
            ["HF_ENDPOINT"] = _hub.Server.Origin.ToString(),
            ["HF_HUB_CACHE"] = hfCache,
            ["HF_HUB_OFFLINE"] = "1",
            ["VOCABTRIM_CORPUS_BASE_URL"] = _corpora.BaseUrl.ToString(),
        }, "test", "--recipe", Path.Combine(output, OutputFiles.Recipe), "--model-dir", output, "--cache",
        cacheRoot, "--quiet");

        test.ExitCode.Should().Be(0, test.ToString());
        test.Output.Should().Contain("test passed");
        (_hub.Requests.Count() + _corpora.Requests.Count).Should().Be(requests);
    }

    private static AdaptationSettings Settings(string output, string cacheRoot) =>
        new(output, CountsCache: new CountsCache(Path.Combine(cacheRoot, "counts")));
}
