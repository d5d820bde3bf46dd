using VocabTrim.Selection;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Pipeline.Tests.Trimming;

public class TrimRefusalTests
{
    private static readonly Lazy<SentencePieceModel> Tiny = new(
        () => SentencePieceModel.Load(SharedData.Mt5TinySpiece));
    private static readonly Lazy<SentencePieceModel> EnDe = new(
        () => SentencePieceModel.Load(SharedData.UnigramEnDe16k));

    [Theory]
    [InlineData(new[] { 0, 1, 2, 5, 1 }, "kept[4] = 1: the id is already kept at kept[1]")]
    [InlineData(new[] { 0, 1, 2, -3 }, "kept[3] = -3: ids cannot be negative")]
    [InlineData(new int[0], "kept is empty*")]
    [InlineData(
        new[] { 0, 1, 5, 6 },
        "the keep list drops the unknown piece <unk> (id 2); SentencePiece cannot load a model without it")]
    [InlineData(new[] { 0, 2, 5, 6 }, "the keep list drops </s> (id 1), which the model names as its eos_id; keep it")]
    public void Lists_the_model_cannot_be_cut_to_are_refused(int[] kept, string message)
    {
        var act = () => SentencePieceTrimmer.Trim(Tiny.Value, kept);
        act.Should().Throw<TrimException>().WithMessage(message);
    }

    [Fact]
    public void With_byte_fallback_all_256_byte_pieces_must_be_kept()
    {
        int[] kept = [0, 1, 2, .. Enumerable.Range(3, 256).Where(id => id != 3 + 0x41), 300];

        var act = () => SentencePieceTrimmer.Trim(EnDe.Value, kept);

        act.Should().Throw<TrimException>().WithMessage(
            "the model uses byte fallback, so all 256 byte pieces <0x00>…<0xFF> must be kept, but the keep list " +
            "keeps 255; dropped: <0x41> (id 68)");
    }

    [Fact]
    public void A_keep_list_made_for_another_tokenizer_is_refused()
    {
        var keep = new KeepList([0, 1, 2], TokenizerSha256: new string('e', 64));

        var act = () => SentencePieceTrimmer.Trim(Tiny.Value, keep.Ids, keep.TokenizerSha256);

        act.Should().Throw<TrimException>().WithMessage(
            $"the keep list was made for the tokenizer with sha256 eeee*, but {SharedData.Mt5TinySpiece} has sha256 " +
            $"{Tiny.Value.Sha256()}");
    }

    [Fact]
    public void A_keep_list_for_this_tokenizer_is_accepted()
    {
        var keep = new KeepList([2, 1, 0], TokenizerSha256: Tiny.Value.Sha256());

        SentencePieceTrimmer.Trim(Tiny.Value, keep.Ids, keep.TokenizerSha256).Model.PieceAt(0).Should().Be("<unk>");
    }
}
