using System.Security.Cryptography;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;
using VocabTrim.Tokenizers.SentencePiece;
using VocabTrim.Tokenizers.Tests.Bpe;

namespace VocabTrim.Tokenizers.Tests;

[Collection(BloomCollection.Name)]
public class TokenizerFileTests(BloomTokenizers bloom)
{
    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void A_tokenizer_json_opens_as_bpe_with_the_file_hash()
    {
        var loaded = TokenizerFile.Load(bloom.TinyPath);
        loaded.Kind.Should().Be(TokenizerFileKind.HuggingFaceJson);
        loaded.Tokenizer.Should().BeOfType<BpeTokenizer>().Which.PieceCount.Should().Be(1024);
        loaded.Tokenizer.Family.Should().Be("huggingface-bpe");
        loaded.Sha256.Should().Be(Sha256Of(bloom.TinyPath)).And.HaveLength(64);
        loaded.Tokenizer.Encode("Hallo Welt").Should().Equal(bloom.Tiny.Encode("Hallo Welt"));
    }

    [Fact]
    public void A_spiece_model_opens_as_sentencepiece_with_the_file_hash()
    {
        var loaded = TokenizerFile.Load(SharedData.Mt5TinySpiece);
        loaded.Kind.Should().Be(TokenizerFileKind.SentencePiece);
        loaded.Tokenizer.Should().BeOfType<SentencePieceTokenizer>();
        loaded.Sha256.Should().Be(Sha256Of(SharedData.Mt5TinySpiece));
        loaded.Tokenizer.Encode("Hallo Welt").Should().Equal(
            SentencePieceTokenizer.Load(SharedData.Mt5TinySpiece).Encode("Hallo Welt"));
    }

    [Fact]
    public void A_model_folder_opens_its_tokenizer_file()
    {
        using var dir = new TempDir();
        File.Copy(bloom.TinyPath, dir.File("tokenizer.json"));
        TokenizerFile.Load(dir.Path).Kind.Should().Be(TokenizerFileKind.HuggingFaceJson);
        File.Copy(SharedData.Mt5TinySpiece, dir.File("spiece.model"));
        TokenizerFile.Load(dir.Path).Kind.Should().Be(TokenizerFileKind.SentencePiece);
    }

    [Fact]
    public void Content_decides_and_a_disagreeing_name_or_unknown_content_fails_clearly()
    {
        using var dir = new TempDir();
        File.Copy(bloom.TinyPath, dir.File("vocab.bin"));
        TokenizerFile.Load(dir.File("vocab.bin")).Kind.Should().Be(TokenizerFileKind.HuggingFaceJson);

        File.Copy(SharedData.Mt5TinySpiece, dir.File("wrong.json"));
        var wrongName = () => TokenizerFile.Load(dir.File("wrong.json"));
        wrongName.Should().Throw<TokenizerFormatException>().WithMessage("*not JSON*");

        File.WriteAllText(dir.File("garbage.model"), "this is neither");
        var garbage = () => TokenizerFile.Load(dir.File("garbage.model"));
        garbage.Should().Throw<TokenizerFormatException>().Where(e => e.Path == dir.File("garbage.model"));

        File.WriteAllText(dir.File("empty.json"), "");
        var empty = () => TokenizerFile.Load(dir.File("empty.json"));
        empty.Should().Throw<TokenizerFormatException>().WithMessage("*empty*");

        var folder = () => TokenizerFile.Load(dir.Path + "/none");
        folder.Should().Throw<TokenizerFormatException>();
    }
}
