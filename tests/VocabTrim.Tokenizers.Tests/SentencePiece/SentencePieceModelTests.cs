using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;
using VocabTrim.Tokenizers.SentencePiece.Proto;

namespace VocabTrim.Tokenizers.Tests.SentencePiece;

public class SentencePieceModelTests
{
    public static TheoryData<string> SharedModels() => new(SharedData.SentencePieceModels().Select(m => m.Name));

    private static string PathOf(string name) => SharedData.SentencePieceModels().Single(m => m.Name == name).Path;

    [Theory]
    [MemberData(nameof(SharedModels))]
    public void Reading_then_writing_gives_the_identical_file(string name)
    {
        var original = File.ReadAllBytes(PathOf(name));
        var model = SentencePieceModel.Parse(original);
        model.ToBytes().Should().Equal(original);
    }

    [Fact]
    public void Mt5_derived_model_has_the_mt5_layout()
    {
        var model = SentencePieceModel.Load(SharedData.Mt5Derived32k);
        model.PieceCount.Should().Be(32596);
        model.PieceAt(0).Should().Be("<pad>");
        model.KindOf(0).Should().Be(PieceKind.Control);
        model.PieceAt(1).Should().Be("</s>");
        model.KindOf(2).Should().Be(PieceKind.Unknown);
        model.PieceAt(3).Should().Be("<0x00>");
        model.KindOf(258).Should().Be(PieceKind.Byte);
        model.PieceAt(259).Should().Be("▁");
        model.PieceAt(model.PieceCount - 1).Should().Be("▁<extra_id_0>");
        model.KindOf(model.PieceCount - 1).Should().Be(PieceKind.UserDefined);
        model.Proto.TrainerSpec.BosId.Should().Be(-1);
        model.Proto.TrainerSpec.ByteFallback.Should().BeTrue();
        model.ModelType.Should().Be(TrainerSpec.Types.ModelType.Unigram);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_with_its_path()
    {
        using var dir = new TempDir();
        var path = dir.File("not-a-model.model");
        File.WriteAllText(path, "this is text, not protobuf\n");
        var act = () => SentencePieceModel.Load(path);
        act.Should().Throw<TokenizerFormatException>().WithMessage($"{path}: not a SentencePiece model*");
    }
}
