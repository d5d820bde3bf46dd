using VocabTrim.Corpora.Fetching;

namespace VocabTrim.Corpora.Tests.Fetching;

public sealed class CorpusManifestTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void The_shipped_manifest_is_valid_and_has_english_and_german_defaults()
    {
        var manifest = CorpusManifest.BuiltIn();

        manifest.DefaultFor(LanguageCode.Parse("en"))!.Name.Should().Be("eng_news_2023_1M");
        manifest.DefaultFor(LanguageCode.Parse("de"))!.Name.Should().Be("deu_news_2023_1M");
        manifest.Get("eng_news_2023_1M").Url.Should().Be(
            new Uri("https://downloads.wortschatz-leipzig.de/corpora/eng_news_2023_1M.tar.gz"));
        manifest.Corpora.Should().Contain(c => c.Name == "fra_news_2023_1M").And.HaveCountGreaterThan(10);
        manifest.Corpora.Should().OnlyContain(
            c => c.Url.AbsoluteUri == $"https://downloads.wortschatz-leipzig.de/corpora/{c.Name}.tar.gz");
    }

    [Fact]
    public void The_embedded_manifest_is_the_repository_file()
    {
        var path = Path.Combine(VocabTrim.TestSupport.RepositoryPaths.Root, "corpora", "leipzig.json");
        CorpusManifest.Load(path).Corpora.Should().BeEquivalentTo(CorpusManifest.BuiltIn().Corpora);
    }

    [Fact]
    public void Reads_size_and_checksum()
    {
        var entry = CorpusManifest.Parse(Manifest($"\"size\": 123, \"sha256\": \"{Sha.ToUpperInvariant()}\""), "m.json")
            .Get("eng_news_2023_1M");

        entry.Size.Should().Be(123);
        entry.Sha256.Should().Be(Sha);
        entry.Language.Should().Be(LanguageCode.Parse("eng"));
    }

    [Theory]
    [InlineData("\"size\": -5", "$.corpora.eng_news_2023_1M.size", "*positive whole number*")]
    [InlineData("\"size\": \"12\"", "$.corpora.eng_news_2023_1M.size", "*positive whole number*")]
    [InlineData("\"sha256\": \"abc\"", "$.corpora.eng_news_2023_1M.sha256", "*64 hex digits*")]
    [InlineData("\"sha265\": null", "$.corpora.eng_news_2023_1M.sha265", "*unknown field*")]
    public void Field_errors_name_the_json_path(string fields, string jsonPath, string message)
    {
        var parse = () => CorpusManifest.Parse(Manifest(fields), "m.json");

        parse.Should().Throw<CorpusManifestException>().Where(e => e.JsonPath == jsonPath).WithMessage(
            $"m.json: {jsonPath}: {message}");
    }

    [Theory]
    [InlineData("""
        { "corpora": { "eng_news_2023_1M": { "language": "deu", "url": "https://x.org/a.tar.gz" } } }
        """, "$.corpora.eng_news_2023_1M.language")]
    [InlineData("""
        { "corpora": { "eng_news_2023_1M": { "language": "eng", "url": "ftp://x.org/a.tar.gz" } } }
        """, "$.corpora.eng_news_2023_1M.url")]
    [InlineData("""{ "corpora": { "eng_news_2023_1M": { "language": "eng" } } }""", "$.corpora.eng_news_2023_1M.url")]
    [InlineData("""
        { "corpora": { "news_2023": { "language": "eng", "url": "https://x.org/a.tar.gz" } } }
        """, "$.corpora.news_2023")]
    [InlineData("""{ "corpora": {} }""", "$.corpora")]
    [InlineData("""{ "corpora": [] }""", "$.corpora")]
    [InlineData("""{ }""", "$.corpora")]
    [InlineData("""
        { "corpora": { "eng_news_2023_1M": { "language": "eng", "url": "https://x.org/a.tar.gz" } },
          "defaults": { "de": "eng_news_2023_1M" } }
        """, "$.defaults.de")]
    [InlineData("""
        { "corpora": { "eng_news_2023_1M": { "language": "eng", "url": "https://x.org/a.tar.gz" } },
          "defaults": { "en": "eng_news_2099_1M" } }
        """, "$.defaults.en")]
    [InlineData("""
        { "corpora": { "eng_news_2023_1M": { "language": "eng", "url": "https://x.org/a.tar.gz" } },
          "extra": 1 }
        """, "$.extra")]
    public void Structure_errors_name_the_json_path(string json, string jsonPath)
    {
        var parse = () => CorpusManifest.Parse(json, "m.json");

        parse.Should().Throw<CorpusManifestException>().Where(
            e => e.JsonPath == jsonPath && e.Message.StartsWith($"m.json: {jsonPath}: "));
    }

    [Fact]
    public void Broken_json_is_a_manifest_error()
    {
        var parse = () => CorpusManifest.Parse("{ \"corpora\": ", "m.json");

        parse.Should().Throw<CorpusManifestException>().WithMessage("m.json: *not valid JSON*");
    }

    [Fact]
    public void An_unknown_name_is_a_download_error_that_points_at_the_list()
    {
        var get = () => CorpusManifest.Parse(Manifest(""), "m.json").Get("eng_news_1999_1M");

        get.Should().Throw<CorpusDownloadException>().WithMessage(
            "*'eng_news_1999_1M' is not a corpus of m.json*corpus list*");
    }

    private static string Manifest(string extraFields) =>
        $$"""
        { "corpora": { "eng_news_2023_1M": { "language": "eng", "url": "https://x.org/eng_news_2023_1M.tar.gz"
                                             {{(extraFields.Length > 0 ? ", " + extraFields : "")}} } } }
        """;

}
