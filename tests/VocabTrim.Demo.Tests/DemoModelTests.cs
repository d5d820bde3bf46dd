using System.Text.Json.Nodes;
using VocabTrim.Counting;
using VocabTrim.DemoAssets;
using VocabTrim.Inference;
using VocabTrim.Inference.Generation;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;
using VocabTrim.Validation;
using PieceType = VocabTrim.Tokenizers.SentencePiece.Proto.ModelProto.Types.SentencePiece.Types.Type;

namespace VocabTrim.Demo.Tests;

/// <summary>
/// The committed demo model works with our inference core, surgery and validation, and with the reference
/// SentencePiece.
/// </summary>
public class DemoModelTests
{
    [Fact]
    public void The_inference_core_loads_the_demo_model_and_generates_its_greedy_choices()
    {
        using var model = LanguageModels.Load(DemoPaths.Model);
        var codec = PromptCodec.TryLoad(DemoPaths.Model, model)!;
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(DemoPaths.Model, "config.json")))!;
        var rows = config["vocab_size"]!.GetValue<int>();

        var prompts = DemoPaths.Sentences("de").Take(3).Select(codec.Encode).ToList();
        var result = new GreedyGenerator(model).Generate(
            prompts, new GenerationOptions(8, StopAtEos: false, KeepStepLogits: true));

        result.Tokens.Should().HaveCount(3);
        for (var i = 0; i < 3; i++)
        {
            result.Tokens[i].Should().HaveCount(8);
            result.StepLogits[i].Should().HaveCount(8);
            for (var step = 0; step < 8; step++)
            {
                var logits = result.StepLogits[i][step];
                logits.Should().HaveCount(rows).And.OnlyContain(v => float.IsFinite(v));
                result.Tokens[i][step].Should().Be(
                    Array.IndexOf(logits, logits.Max()), $"prompt {i} step {step} is greedy");
            }
        }
        // Random weights, but not degenerate ones: different prompts lead to different logits.
        result.StepLogits[0][0].Should().NotEqual(result.StepLogits[1][0]);
    }

    [Fact]
    public void Spm_encode_reads_the_demo_tokenizer_and_gives_our_ids_on_both_demo_corpora()
    {
        var path = Path.Combine(DemoPaths.Model, "spiece.model");
        var tokenizer = SentencePieceTokenizer.Load(path);
        foreach (var language in new[] { "en", "de" })
        {
            var sentences = DemoPaths.Sentences(language);
            var reference = ReferenceSentencePiece.EncodeLines(path, sentences);
            for (var i = 0; i < sentences.Count; i++)
                tokenizer.Encode(sentences[i]).Should().Equal(reference[i], $"{language} sentence {i}");
        }
    }

    [Fact]
    public void The_demo_tokenizer_has_mt5s_layout_and_the_embedding_has_mt5s_padding()
    {
        var model = SentencePieceModel.Load(Path.Combine(DemoPaths.Model, "spiece.model"));
        var pieces = model.Proto.Pieces;
        pieces.Take(3).Select(p => p.Piece).Should().Equal("<pad>", "</s>", "<unk>");
        pieces.Skip(3).Take(256).Select(p => p.Type).Should().AllBeEquivalentTo(PieceType.Byte);
        pieces[259].Piece.Should().Be("\u2581");
        var sentinels = pieces.Skip(pieces.Count - 100).ToList();
        sentinels.Should().OnlyContain(p => p.Type == PieceType.UserDefined);
        sentinels.Select(p => p.Piece).Should().BeEquivalentTo(
            Enumerable.Range(0, 100).Select(n => $"\u2581<extra_id_{n}>"));
        model.Proto.TrainerSpec.ByteFallback.Should().BeTrue();
        model.Proto.NormalizerSpec.Name.Should().Be("nmt_nfkc");
        model.Proto.NormalizerSpec.PrecompiledCharsmap.Should().NotBeEmpty();

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(DemoPaths.Model, "config.json")))!;
        var rows = config["vocab_size"]!.GetValue<int>();
        rows.Should().BeGreaterThanOrEqualTo(model.PieceCount).And.BeLessThan(model.PieceCount + 128);
        (rows % 128).Should().Be(0);
    }

    [SharedDataFact]
    public void Demo_pieces_are_mt5_pieces_in_mt5_order_with_their_scores_and_types()
    {
        var original = SentencePieceModel.Load(SharedData.Mt5Derived32k).Proto.Pieces;
        var index = original.Select((p, i) => (p.Piece, i)).ToDictionary(x => x.Piece, x => x.i);
        var demo = SentencePieceModel.Load(Path.Combine(DemoPaths.Model, "spiece.model")).Proto.Pieces;

        demo.Should().OnlyContain(p => index.ContainsKey(p.Piece));
        demo.Select(p => index[p.Piece]).Should().BeInAscendingOrder();
        foreach (var p in demo)
        {
            p.Score.Should().Be(original[index[p.Piece]].Score, p.Piece);
            p.Type.Should().Be(original[index[p.Piece]].Type, p.Piece);
        }
    }

    [Fact]
    public void The_pipeline_trims_the_demo_model_and_validation_passes()
    {
        using var dir = new TempDir();
        var spiece = Path.Combine(DemoPaths.Model, "spiece.model");
        var tokenizer = SentencePieceTokenizer.Load(spiece);
        var counts = new CorpusCounter(tokenizer).Count("de", DemoPaths.Corpus("de"),
            new CountingOptions(MaxSentences: null, SkipMalformed: false, Format: CorpusCounter.LeipzigFormat));
        var keep = VocabularySelector.Select(
            TokenizerVocabulary.Of(tokenizer.Model, spiece), [counts], [new LanguageQuota("de", 1000)], 0).ToKeepList();


        var trim = ModelTrimmer.Trim(DemoPaths.Model, keep, dir.File("slim"));
        var report = new SlimModelValidator(
            new ValidationOptions(MaxSentences: 200, LogitSentences: 2, MaxNewTokens: 4))
            .Validate(DemoPaths.Model, dir.File("slim"), [("de", DemoPaths.Corpus("de"))]);

        trim.RowsAfter.Should().Be(keep.Ids.Count).And.BeLessThan(trim.RowsBefore);
        report.Failures.Should().BeEmpty();
        report.Languages.Single().LogitSteps.Should().BeGreaterThan(0);
        report.Languages.Single().CoveredIdentical.Should().Be(report.Languages.Single().Covered).And.BeGreaterThan(0);
    }
}
