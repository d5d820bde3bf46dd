namespace VocabTrim.Corpora.Tests;

public class LanguageCodeTests
{
    public static TheoryData<string, string> NewsCorpusLanguages() => new()
    {
        { "en", "eng" }, { "de", "deu" }, { "fr", "fra" }, { "es", "spa" }, { "it", "ita" }, { "pt", "por" },
        { "nl", "nld" }, { "ru", "rus" }, { "zh", "zho" }, { "ja", "jpn" }, { "ko", "kor" }, { "ar", "ara" },
        { "hi", "hin" }, { "bn", "ben" }, { "ur", "urd" }, { "vi", "vie" }, { "id", "ind" }, { "tr", "tur" },
        { "pl", "pol" }, { "uk", "ukr" }, { "sv", "swe" }, { "fi", "fin" }, { "da", "dan" }, { "no", "nob" },
        { "cs", "ces" }, { "ro", "ron" }, { "hu", "hun" }, { "el", "ell" }, { "he", "heb" }, { "fa", "fas" },
        { "th", "tha" }, { "ta", "tam" }, { "te", "tel" }, { "mr", "mar" }, { "gu", "guj" }, { "kn", "kan" },
        { "ml", "mal" }, { "pa", "pan" }, { "sw", "swa" }, { "yo", "yor" }, { "ca", "cat" }, { "eu", "eus" },
        { "ne", "nep" }, { "or", "ori" }, { "as", "asm" }, { "ig", "ibo" }, { "zu", "zul" }, { "xh", "xho" },
    };

    [Theory]
    [MemberData(nameof(NewsCorpusLanguages))]
    public void Two_and_three_letter_codes_map_both_ways(string iso1, string iso3)
    {
        var fromShort = LanguageCode.Parse(iso1);
        var fromLong = LanguageCode.Parse(iso3);

        fromShort.Iso639_3.Should().Be(iso3);
        fromLong.Iso639_1.Should().Be(iso1);
        fromLong.Should().BeSameAs(fromShort);
    }

    [Fact]
    public void Every_mt5_and_bloom_language_is_known()
    {
        string[] mt5 =
        [
            "af", "am", "ar", "az", "be", "bg", "bg-Latn", "bn", "ca", "ceb", "co", "cs", "cy", "da", "de", "el",
            "el-Latn", "en", "eo", "es", "et", "eu", "fa", "fi", "fil", "fr", "fy", "ga", "gd", "gl", "gu", "ha", "haw",
            "hi", "hi-Latn", "hmn", "ht", "hu", "hy", "id", "ig", "is", "it", "iw", "ja", "ja-Latn", "jv", "ka", "kk",
            "km", "kn", "ko", "ku", "ky", "la", "lb", "lo", "lt", "lv", "mg", "mi", "mk", "ml", "mn", "mr", "ms", "mt",
            "my", "ne", "nl", "no", "ny", "pa", "pl", "ps", "pt", "ro", "ru", "ru-Latn", "sd", "si", "sk", "sl", "sm",
            "sn", "so", "sq", "sr", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "tr", "uk", "ur", "uz", "vi", "xh",
            "yi", "yo", "zh", "zh-Latn", "zu",
        ];
        string[] bloom =
        [
            "ak", "ar", "as", "bm", "bn", "ca", "zh", "ny", "sn", "tum", "en", "eu", "fr", "fon", "gu", "hi", "ig",
            "id", "xh", "zu", "kn", "ki", "rw", "rn", "ln", "lg", "ml", "mr", "ne", "nso", "or", "pt", "pa", "st", "tn",
            "es", "sw", "ta", "te", "tw", "ur", "vi", "wo", "ts", "yo",
        ];

        mt5.Concat(bloom).Where(code => !LanguageCode.TryParse(code, out _)).Should().BeEmpty();
        mt5.Select(c => LanguageCode.Parse(c).Iso639_3).Distinct().Should().HaveCount(101);
    }

    [Fact]
    public void Every_known_language_is_found_by_its_own_codes()
    {
        LanguageCode.Known.Should().HaveCountGreaterThan(100);
        foreach (var language in LanguageCode.Known)
        {
            LanguageCode.Parse(language.Iso639_3).Should().BeSameAs(language);
            if (language.Iso639_1 != null) LanguageCode.Parse(language.Iso639_1).Should().BeSameAs(language);
        }
    }

    [Theory]
    [InlineData("DE", "deu")]
    [InlineData(" Eng ", "eng")]
    [InlineData("pt-BR", "por")]
    [InlineData("zh_Hans", "zho")]
    [InlineData("iw", "heb")]
    [InlineData("cmn", "zho")]
    [InlineData("pes", "fas")]
    [InlineData("nb", "nob")]
    [InlineData("nor", "nob")]
    [InlineData("ger", "deu")]
    [InlineData("fil", "tgl")]
    public void Alternative_spellings_and_codes_are_accepted(string code, string iso3)
    {
        LanguageCode.Parse(code).Iso639_3.Should().Be(iso3);
    }

    [Fact]
    public void Language_without_a_two_letter_code_shows_its_three_letter_code()
    {
        var cebuano = LanguageCode.Parse("ceb");

        cebuano.Iso639_1.Should().BeNull();
        cebuano.Name.Should().Be("Cebuano");
        cebuano.ToString().Should().Be("ceb");
        LanguageCode.Parse("deu").ToString().Should().Be("de");
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("klingon")]
    [InlineData("")]
    public void Unknown_code_is_an_error_that_says_so(string code)
    {
        var parse = () => LanguageCode.Parse(code);

        parse.Should().Throw<UnknownLanguageException>()
            .Where(e => e.Code == code && e.Message.StartsWith(
                $"Unknown language code '{code}': expected an ISO 639-1 code"));
        LanguageCode.TryParse(code, out var language).Should().BeFalse();
        language.Should().BeNull();
    }

    [Theory]
    [InlineData("deu_news_2023_1M", "deu")]
    [InlineData("eng_news_2020_10K-sentences.txt", "eng")]
    [InlineData("/data/leipzig/fra_mixed_2009_1M.tar.gz", "fra")]
    [InlineData("deu-ch_web_2002_10K", "deu")]
    [InlineData("nob_newscrawl_2019_1M/", "nob")]
    public void Leipzig_corpus_name_gives_the_language(string name, string iso3)
    {
        LanguageCode.FromLeipzigName(name).Iso639_3.Should().Be(iso3);
    }

    [Fact]
    public void Name_that_is_not_a_leipzig_name_is_an_error()
    {
        var fromName = () => LanguageCode.FromLeipzigName("sentences.txt");
        var unknown = () => LanguageCode.FromLeipzigName("xyz_news_2020_1M");

        fromName.Should().Throw<FormatException>().WithMessage("'sentences.txt' is not a Leipzig corpus name*");
        unknown.Should().Throw<UnknownLanguageException>().Where(e => e.Code == "xyz");
        LanguageCode.TryFromLeipzigName("sentences.txt", out _).Should().BeFalse();
    }

    [Fact]
    public void Codes_of_one_language_are_equal()
    {
        (LanguageCode.Parse("de") == LanguageCode.Parse("deu")).Should().BeTrue();
        (LanguageCode.Parse("de") != LanguageCode.Parse("en")).Should().BeTrue();
        LanguageCode.Parse("de").GetHashCode().Should().Be(LanguageCode.Parse("ger").GetHashCode());
    }
}
