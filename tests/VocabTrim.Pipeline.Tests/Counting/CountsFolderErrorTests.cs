using VocabTrim.Common;
using VocabTrim.Counting;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers;

namespace VocabTrim.Pipeline.Tests.Counting;

/// <summary>Damaged or mismatched counts folders give errors that name the file and the line or JSON path.</summary>
public sealed class CountsFolderErrorTests : IDisposable
{
    private static readonly TokenizerVocabulary Vocabulary = HandMade.Vocabulary(
        ("<unk>", PieceKind.Unknown), ("▁a,b", PieceKind.Normal), ("c", PieceKind.Normal));

    private readonly TempDir _dir = new();

    public CountsFolderErrorTests() =>
        CountsDirectory.Write(_dir.Path, Vocabulary, [HandMade.Counts("en", 0, 5, 7), HandMade.Counts("de", 1, 0, 2)]);

    public void Dispose() => _dir.Dispose();

    private string Csv => _dir.File("en.counts.csv");

    private string Manifest => _dir.File("counts.json");

    private void Edit(string path, string from, string to)
    {
        var text = File.ReadAllText(path);
        text.Should().Contain(from);
        File.WriteAllText(path, text.Replace(from, to));
    }

    private Action ReadEnglish => () => CountsDirectory.Read(_dir.Path, Vocabulary, ["en"]);

    [Fact]
    public void The_written_csv_is_as_expected() =>
        File.ReadAllText(Csv).Should().Be("id,piece,count\n0,<unk>,0\n1,\"▁a,b\",5\n2,c,7\n");

    [Fact]
    public void A_piece_that_does_not_match_the_tokenizer()
    {
        Edit(Csv, "2,c,7", "2,d,7");
        ReadEnglish.Should().Throw<DataFileException>()
            .WithMessage($"{Csv}: line 4: the piece for id 2 is \"d\" but the tokenizer has \"c\"");
    }

    [Fact]
    public void A_count_that_is_not_a_number()
    {
        Edit(Csv, "\"▁a,b\",5", "\"▁a,b\",five");
        ReadEnglish.Should().Throw<DataFileException>()
            .WithMessage($"{Csv}: line 3: the count 'five' of id 1 is not a whole number ≥ 0");
    }

    [Fact]
    public void A_negative_count()
    {
        Edit(Csv, "2,c,7", "2,c,-7");
        ReadEnglish.Should().Throw<DataFileException>().WithMessage($"{Csv}: line 4: the count '-7' of id 2 *");
    }

    [Fact]
    public void A_missing_row()
    {
        Edit(Csv, "1,\"▁a,b\",5\n", "");
        ReadEnglish.Should().Throw<DataFileException>()
            .WithMessage($"{Csv}: line 3: id 2 where id 1 was expected (every piece is listed, in id order)");
    }

    [Fact]
    public void Rows_missing_at_the_end()
    {
        Edit(Csv, "2,c,7\n", "");
        ReadEnglish.Should().Throw<DataFileException>().WithMessage($"{Csv}: lists 2 pieces, the tokenizer has 3");
    }

    [Fact]
    public void A_wrong_header()
    {
        Edit(Csv, "id,piece,count", "id;piece;count");
        ReadEnglish.Should().Throw<DataFileException>()
            .WithMessage($"{Csv}: line 1: the header is 'id;piece;count', expected 'id,piece,count'");
    }

    [Fact]
    public void A_row_with_a_field_too_many()
    {
        Edit(Csv, "2,c,7", "2,c,7,1");
        ReadEnglish.Should().Throw<DataFileException>().WithMessage(
            $"{Csv}: line 4: expected 3 fields (id,piece,count), found 4");
    }

    [Fact]
    public void Broken_quoting()
    {
        Edit(Csv, "\"▁a,b\",5", "\"▁a,b\"x,5");
        ReadEnglish.Should().Throw<DataFileException>().WithMessage($"{Csv}: line 3: not valid CSV*");
    }

    [Fact]
    public void A_csv_that_does_not_belong_to_the_manifest()
    {
        Edit(Csv, "2,c,7", "2,c,8");
        ReadEnglish.Should().Throw<DataFileException>().WithMessage(
            $"{Csv}: the counts add up to 13 tokens but counts.json says $.languages.en.tokens = 12 (the two files " +
            "do not belong together)");
    }

    [Fact]
    public void A_language_that_was_not_counted()
    {
        var act = () => CountsDirectory.Read(_dir.Path, Vocabulary, ["fr"]);
        act.Should().Throw<DataFileException>().WithMessage($"{Manifest}: $.languages has no 'fr' (counted: en, de)");
    }

    [Fact]
    public void A_missing_csv_file()
    {
        File.Delete(Csv);
        ReadEnglish.Should().Throw<DataFileException>().WithMessage($"{Csv}: cannot read the file: *");
    }

    [Fact]
    public void A_number_in_the_manifest_that_is_not_a_number()
    {
        Edit(Manifest, "\"sentences\": 10", "\"sentences\": \"ten\"");
        ReadEnglish.Should().Throw<DataFileException>().WithMessage(
            $"{Manifest}: line 14, $.languages.en.sentences: expected a whole number");
    }

    [Fact]
    public void A_member_missing_from_the_manifest()
    {
        Edit(Manifest, "\"family\": \"sentencepiece-unigram\",", "");
        ReadEnglish.Should().Throw<DataFileException>().WithMessage(
            $"{Manifest}: line 11, $.tokenizer: missing 'family'");
    }

    [Fact]
    public void Counts_made_with_another_tokenizer()
    {
        var other = new TokenizerVocabulary(Vocabulary.Info with { Sha256 = new string('f', 64) },
            ["<unk>", "▁a,b", "c"], [PieceKind.Unknown, PieceKind.Normal, PieceKind.Normal]);
        var act = () => CountsDirectory.Read(_dir.Path, other);
        act.Should().Throw<DataFileException>().WithMessage(
            $"{Manifest}: these counts were made with the tokenizer *{HandMade.Sha256}*ffff*");
    }

    [Fact]
    public void A_folder_without_counts()
    {
        using var empty = new TempDir();
        var act = () => CountsDirectory.ReadManifest(empty.Path);
        act.Should().Throw<DataFileException>().WithMessage("*counts.json: not found: this folder holds no counts*");
    }
}
