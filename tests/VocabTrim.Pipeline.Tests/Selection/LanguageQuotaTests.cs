using VocabTrim.Selection;

namespace VocabTrim.Pipeline.Tests.Selection;

public class LanguageQuotaTests
{
    [Fact]
    public void A_list_of_quotas_is_parsed_in_order()
    {
        LanguageQuota.ParseList("en:15000, de:30000,zh-Hans:5").Should().Equal(
            new LanguageQuota("en", 15000), new LanguageQuota("de", 30000), new LanguageQuota("zh", 5));
    }

    [Fact]
    public void Leipzig_codes_name_the_same_language_as_iso_639_1_codes_as_count_stores_them()
    {
        LanguageQuota.ParseList("eng:10,deu:20").Should().Equal(
            new LanguageQuota("en", 10), new LanguageQuota("de", 20));
        var act = () => LanguageQuota.ParseList("en:10,eng:5");
        act.Should().Throw<SelectionException>().WithMessage("'en' is given twice*");
    }

    [Theory]
    [InlineData("", "no languages given*")]
    [InlineData("en", "'en' is not LANGUAGE:N*")]
    [InlineData("en:15000,", "*has an empty entry*")]
    [InlineData("en:lots", "'en:lots': 'lots' is not a whole number of pieces")]
    [InlineData("en:99999999999", "'en:99999999999': '99999999999' is not a whole number of pieces")]
    [InlineData("en:0", "'en:0': the number of pieces must be positive")]
    [InlineData("en:-5", "'en:-5': the number of pieces must be positive")]
    [InlineData("en:10,de:5,en:20", "'en' is given twice in 'en:10,de:5,en:20'")]
    [InlineData("../x:10", "'../x' is not a language code*")]
    public void Bad_lists_are_refused_with_a_clear_message(string text, string message)
    {
        var act = () => LanguageQuota.ParseList(text);
        act.Should().Throw<SelectionException>().WithMessage(message);
    }
}
