using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Tokenizers.Tests.SentencePiece;

public class EdgeTextTests
{
    public static TheoryData<string> SharedModels() => new(SharedData.SentencePieceModels().Select(m => m.Name));

    private static string PathOf(string name) => SharedData.SentencePieceModels().Single(m => m.Name == name).Path;

    [Theory]
    [MemberData(nameof(SharedModels))]
    public void Edge_texts_encode_exactly_as_the_reference(string name) => EdgeTexts.AssertAgreement(PathOf(name));

    [Theory]
    [MemberData(nameof(SharedModels))]
    public void Decoding_matches_the_reference(string name)
    {
        var model = PathOf(name);
        var tokenizer = SentencePieceTokenizer.Load(model);
        var sequences = LeipzigSample.Both().Take(300).Concat(EdgeTexts.All).Select(tokenizer.Encode).ToList();
        // Raw id sequences too: control ids, byte pieces that do not form valid UTF-8, the unknown id.
        sequences.Add([0, 1, 2, 259]);
        sequences.Add([3 + 0xE6, 3 + 0x9D, 3 + 0xB1, 3 + 0xFF, 3 + 0x41, 259]);
        sequences.Add([259, 259, 3 + 0x20]);
        var expected = ReferenceSentencePiece.DecodeIds(model, sequences);
        for (var i = 0; i < sequences.Count; i++)
            tokenizer.Decode(sequences[i]).Should().Be(expected[i], $"sequence #{i}");
    }

    [Fact]
    public void Decode_refuses_ids_outside_the_vocabulary()
    {
        var tokenizer = SentencePieceTokenizer.Load(SharedData.Mt5TinySpiece);
        var act = () => tokenizer.Decode([5, 1000]);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1000*");
    }
}
