using System.Text;
using System.Text.RegularExpressions;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Tokenizers.Tests.Bpe;

public class OnigurumaPatternTests
{
    /// <summary>
    /// Unicode's White_Space property (PropList.txt), written out so the test does not lean on .NET's \s.
    /// </summary>
    private static readonly HashSet<int> WhiteSpace =
    [
        0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680,
        0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
        0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
    ];

    /// <summary>
    /// What Oniguruma excludes from <c>[^(\s|[.,!?…。，、।۔،])]</c>: the outer members and the nested class's.
    /// </summary>
    private static bool ExcludedByBloom(int cp) =>
        WhiteSpace.Contains(cp) || "()|.,!?…。，、।۔،".Contains((char)cp) && cp < 0x10000;

    [Fact]
    public void Bloom_class_is_flattened_to_the_oniguruma_members()
    {
        OnigurumaPattern.ToDotNet(BloomFormat.SplitPattern, "p").Should().Be(" ?[^(\\s|.,!?…。，、।۔،)]+");
    }

    [Fact]
    public void Bloom_pattern_as_dotnet_reads_it_is_not_even_valid()
    {
        // .NET ends the class at the first ']' and then meets an unbalanced ')': the rewrite is needed.
        var read = () => new Regex(BloomFormat.SplitPattern);
        read.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Flattened_bloom_class_matches_exactly_the_oniguruma_class_on_every_code_point()
    {
        var regex = new Regex(OnigurumaPattern.ToDotNet(BloomFormat.SplitPattern, "p"));
        var wrong = new List<int>();
        var members = 0;
        for (var cp = 0; cp <= 0x10FFFF; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF) continue;
            var s = char.ConvertFromUtf32(cp);
            var m = regex.Match(s);
            var isMember = m.Success && m.Index == 0 && m.Length == s.Length;
            if (isMember) members++;
            if (isMember == ExcludedByBloom(cp)) wrong.Add(cp);
        }
        wrong.Should().BeEmpty("membership must agree on every code point; first: U+{0:X4}", wrong.FirstOrDefault());
        members.Should().Be(0x110000 - 0x800 - 25 - 14);
    }

    [Theory]
    [InlineData("[[:alpha:]]", "POSIX")]
    [InlineData("[a-z&&[^aeiou]]", "intersection")]
    [InlineData("[^a[^b]]", "negated nested")]
    [InlineData("\\p{L}+", "UTF-16")]
    [InlineData("\\w+", "UTF-16")]
    [InlineData("a++", "possessive")]
    [InlineData("\\h", "\\h")]
    [InlineData("(?m:.+)", "inline option m")]
    [InlineData("(?im).+", "inline option m")]
    public void Constructs_that_read_differently_are_rejected_naming_the_json_path(string pattern, string mention)
    {
        var act = () => OnigurumaPattern.ToDotNet(pattern, "pre_tokenizer.pretokenizers[0].pattern.Regex");
        act.Should().Throw<TokenizerFormatException>()
            .Where(e => e.Path == "pre_tokenizer.pretokenizers[0].pattern.Regex" && e.Message.Contains(mention));
    }

    [Fact]
    public void Anchors_work_on_lines_as_in_oniguruma_and_harmless_groups_pass()
    {
        var regex = new Regex(OnigurumaPattern.ToDotNet("^a|b$", "p"));
        regex.Matches("xa\nab\nb").Select(m => m.Index).Should().Equal(3, 4, 6);
        OnigurumaPattern.ToDotNet("(?i:'s|'t)(?:x)(?=y)(?!z)", "p").Should().Be("(?i:'s|'t)(?:x)(?=y)(?!z)");
        OnigurumaPattern.ToDotNet("[$^]", "p").Should().Be("[$^]");
    }

    [Fact]
    public void Plain_members_and_escapes_survive_the_rewrite()
    {
        OnigurumaPattern.ToDotNet("[a-c[x-z]]\\s+\\x{1F600}", "p").Should().Be("[a-cx-z]\\s+\\uD83D\\uDE00");
        new Regex(OnigurumaPattern.ToDotNet("[a-c[x-z]]+", "p")).Match("--abyz--").Value.Should().Be("abyz");
    }
}
