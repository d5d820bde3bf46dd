using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Tokenizers.Tests.SentencePiece;

/// <summary>Acceptance on models trained with spm_train for each option, plus the edge texts.</summary>
public class TrainedModelAgreementTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    public static TheoryData<string> Names() => new(TrainedModels.Options.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_sample_sentence_encodes_exactly_as_spm_encode(string name)
    {
        var model = models.Paths[name];
        var sentences = LeipzigSample.Both();
        var expected = ReferenceSentencePiece.EncodeLines(model, sentences);
        var tokenizer = SentencePieceTokenizer.Load(model);
        var mismatches = Enumerable.Range(0, sentences.Count)
            .Where(i => !tokenizer.Encode(sentences[i]).SequenceEqual(expected[i])).ToList();
        mismatches.Should().BeEmpty(mismatches.Count > 0
            ? $"sentence #{mismatches[0]} '{sentences[mismatches[0]]}': ours " +
              $"{string.Join(' ', tokenizer.Encode(sentences[mismatches[0]]))}, spm " +
              $"{string.Join(' ', expected[mismatches[0]])}"
            : "");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Edge_texts_encode_exactly_as_the_reference(string name) =>
        EdgeTexts.AssertAgreement(models.Paths[name]);

    [Fact]
    public void Options_reach_the_encoder()
    {
        // Guards the fixture itself: each model really has the option it is named after.
        SentencePieceModel.Load(models.Paths["no-dummy-prefix"]).Proto.NormalizerSpec.AddDummyPrefix.Should().BeFalse();
        SentencePieceModel.Load(models.Paths["whitespace-suffix"]).Proto.TrainerSpec.TreatWhitespaceAsSuffix
            .Should().BeTrue();
        SentencePieceTokenizer.Load(models.Paths["whitespace-suffix"]).UsesWordCache.Should().BeFalse();
        var userDefined = SentencePieceModel.Load(models.Paths["user-defined"]);
        var mask = SentencePieceTokenizer.Load(models.Paths["user-defined"]).Model.Proto.Pieces.ToList()
            .FindIndex(p => p.Piece == "<mask>");
        userDefined.KindOf(mask).Should().Be(PieceKind.UserDefined);
        SentencePieceModel.Load(models.Paths["no-byte-fallback"]).Proto.TrainerSpec.ByteFallback.Should().BeFalse();
    }

    [Fact]
    public void Unknown_runs_merge_into_one_unknown_id_without_byte_fallback()
    {
        var tokenizer = SentencePieceTokenizer.Load(models.Paths["no-byte-fallback"]);
        // Characters outside the training data's coverage: each is unknown, and the run yields one id.
        const string text = "abc 東京都庁舎 abc";
        var ids = tokenizer.Encode(text);
        ids.Count(id => id == tokenizer.UnknownId).Should().Be(1);
        ids.Should().Equal(ReferenceSentencePiece.EncodeTexts(models.Paths["no-byte-fallback"], [text])[0]);
    }

    [Theory]
    [InlineData("bpe")]
    [InlineData("word")]
    [InlineData("char")]
    public void Other_model_types_are_refused_as_not_supported(string type)
    {
        using var dir = new TempDir();
        string[] options = type == "bpe" ? [] : ["--use_all_vocab=true"];
        var path = ReferenceSentencePiece.Train(dir.Path, models.CorpusFile, type,
            [
                $"--model_type={type}", "--vocab_size=500", "--input_sentence_size=2000", "--hard_vocab_limit=false",
                .. options,
            ]);

        var act = () => SentencePieceTokenizer.Load(path);
        act.Should().Throw<TokenizerFormatException>().WithMessage($"*{type.ToUpperInvariant()}*not supported*");
    }
}
