using System.Text.Json.Nodes;
using VocabTrim.Checkpoints;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.Synthetic;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;
using PieceType = VocabTrim.Tokenizers.SentencePiece.Proto.ModelProto.Types.SentencePiece.Types.Type;

namespace VocabTrim.Demo.Tests;

/// <summary>
/// The inputs of the adapt speed benchmark (bench/VocabTrim.Benchmarks BenchmarkData writes them with these
/// classes): an mt0-small-shaped checkpoint and an mT5-sized SentencePiece model.
/// </summary>
public class SyntheticBenchmarkInputTests
{
    [Fact]
    public void An_mt0_small_shaped_checkpoint_has_the_real_shapes_and_ModelTrimmer_trims_it()
    {
        using var dir = new TempDir();
        var folder = dir.File("mt0-small-shaped");
        // Every tensor at mt0-small's shape except the vocabulary rows, which the test keeps small (and unlike
        // any other dimension, or the surgery rightly refuses to guess which tensors are vocabulary-sized).
        var architecture = Mt5Architecture.Mt0Small(vocabRows: 1280);
        Mt5ConfigFiles.Write(folder, architecture);
        RandomMt5Checkpoint.Write(folder, architecture, seed: 1, WeightFill.FastUniform);
        int[] kept = [0, 1, 2, .. Enumerable.Range(3, 500).Select(i => 1279 - i)];

        var report = ModelTrimmer.Trim(folder, new KeepList(kept, null), dir.File("slim"));

        using (var checkpoint = Checkpoint.Open(folder))
        {
            checkpoint.Tensors.Should().HaveCount(2 + 2 + 8 * 9 + 8 * 14 + 2,
                "embeddings, final norms, 9 tensors per encoder block, 14 per decoder block, 2 relative biases");
            checkpoint.ParameterCount().Should().Be(RandomMt5Checkpoint.Parameters(architecture));
            checkpoint.Tensors["encoder.block.7.layer.1.DenseReluDense.wi_1.weight"].Shape.Should().Equal(1024, 512);
            checkpoint.Tensors["decoder.block.7.layer.1.EncDecAttention.o.weight"].Shape.Should().Equal(512, 384);
            checkpoint.Tensors["decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"].Shape
                .Should().Equal(32, 6);
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(checkpoint.ReadTensor("lm_head.weight"))
                .ToArray()

                .Should().OnlyContain(v => float.IsFinite(v) && Math.Abs(v) <= Math.Sqrt(3));
        }
        report.RowsBefore.Should().Be(1280);
        report.RowsAfter.Should().Be(503);
        using var slim = Checkpoint.Open(dir.File("slim"));
        slim.Tensors["shared.weight"].Shape.Should().Equal(503, 512);
        slim.Tensors["lm_head.weight"].Shape.Should().Equal(503, 512);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!;
        (config["d_model"]!.GetValue<int>(), config["d_ff"]!.GetValue<int>(), config["num_layers"]!.GetValue<int>(),
            config["num_heads"]!.GetValue<int>(), config["d_kv"]!.GetValue<int>()).Should().Be((512, 1024, 8, 6, 64));
        Mt5Architecture.Mt0Small().VocabRows.Should().Be(250_112);
    }

    [SharedDataFact]
    public void The_mt5_sized_tokenizer_keeps_mt5s_layout_and_encodes_like_spm_encode_and_like_the_32k_model()
    {
        using var dir = new TempDir();
        var original = SentencePieceModel.Load(SharedData.Mt5Derived32k);
        var path = dir.File("spiece.model");

        Mt5SizedSentencePiece.Extend(original).Save(path);

        var extended = SentencePieceModel.Load(path);
        var pieces = extended.Proto.Pieces;
        pieces.Should().HaveCount(250_100);
        var n = original.PieceCount;
        for (var id = 0; id < n - 100; id++) pieces[id].Should().Be(original.Proto.Pieces[id]);
        for (var k = 0; k < 100; k++)
            pieces[250_000 + k].Should().Be(
                original.Proto.Pieces[n - 100 + k], "the sentinels end the model at 250,000–250,099");
        var synthetic = pieces.Skip(n - 100).Take(250_000 - (n - 100)).ToList();
        synthetic.Should().OnlyContain(p => p.Type == PieceType.Normal);
        pieces.Select(p => p.Piece).Should().OnlyHaveUniqueItems();
        extended.Proto.NormalizerSpec.Should().Be(original.Proto.NormalizerSpec);

        // One batch for the reference: spm_encode needs seconds to load 250,100 pieces.
        var sentences = LeipzigSample.Sentences(SharedData.EnglishSample).Take(100)
            .Concat(LeipzigSample.Sentences(SharedData.GermanSample).Take(100)).ToList();
        var reference = ReferenceSentencePiece.EncodeLines(path, sentences);
        var ours = SentencePieceTokenizer.FromModel(extended);
        var small = SentencePieceTokenizer.FromModel(original);
        for (var i = 0; i < sentences.Count; i++)
        {
            ours.Encode(sentences[i]).Should().Equal(reference[i], $"sentence {i}");
            reference[i].Should().Equal(
                small.Encode(sentences[i]), $"sentence {i}: the synthetic pieces never win over their parts");
        }
    }

    [SharedDataFact]
    public void Sample_words_become_pieces_that_win_and_the_model_still_encodes_like_spm_encode()
    {
        using var dir = new TempDir();
        var original = SentencePieceModel.Load(SharedData.Mt5Derived32k);
        var words = SampleWords.ByFrequency(SharedData.EnglishSample, SharedData.GermanSample);
        var path = dir.File("spiece.model");

        Mt5SizedSentencePiece.Extend(original, words: words).Save(path);

        var extended = SentencePieceModel.Load(path);
        var pieces = extended.Proto.Pieces;
        pieces.Should().HaveCount(250_100);
        pieces[250_000].Should().Be(
            original.Proto.Pieces[original.PieceCount - 100], "the sentinels still end the model");
        pieces.Select(p => p.Piece).Should().OnlyHaveUniqueItems();
        var ours = SentencePieceTokenizer.FromModel(extended);
        var small = SentencePieceTokenizer.FromModel(original);
        var added = pieces.Skip(original.PieceCount - 100).TakeWhile(p => p.Piece.StartsWith('\u2581')).ToList();
        added.Should().HaveCountGreaterThan(30_000, "most sample words are not pieces of the 32k model");
        var idOf = pieces.Select((p, id) => (p.Piece, id))
            .ToDictionary(p => p.Piece, p => p.id, StringComparer.Ordinal);
        foreach (var piece in added.Take(500).Concat(added.TakeLast(500)))
            ours.Encode(piece.Piece[1..]).Should().Equal([idOf[piece.Piece]], $"'{piece.Piece}' is one piece");

        var sentences = LeipzigSample.Sentences(SharedData.EnglishSample).Take(100)
            .Concat(LeipzigSample.Sentences(SharedData.GermanSample).Take(100)).ToList();
        var reference = ReferenceSentencePiece.EncodeLines(path, sentences);
        for (var i = 0; i < sentences.Count; i++)
            ours.Encode(sentences[i]).Should().Equal(reference[i], $"sentence {i}");
        // Over whole samples the pieces seen grow with the words, as on the real mT5 model, where the 32k model's
        // saturate at the few thousand its en/de pieces allow.
        var all = LeipzigSample.Sentences(SharedData.EnglishSample)
            .Concat(LeipzigSample.Sentences(SharedData.GermanSample)).ToList();
        var seen = all.SelectMany(ours.Encode).Distinct().Count();
        var seenSmall = all.SelectMany(small.Encode).Distinct().Count();
        Console.WriteLine($"pieces seen in both samples: {seen:N0} (32k model: {seenSmall:N0})");
        seen.Should().BeGreaterThan(3 * seenSmall);
    }
}
