using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;
using VocabTrim.Tokenizers.SentencePiece.Proto;
using PieceType = VocabTrim.Tokenizers.SentencePiece.Proto.ModelProto.Types.SentencePiece.Types.Type;

namespace VocabTrim.Pipeline.Tests.Trimming;

public class SentencePieceTrimmerTests
{
    public static TheoryData<string> SharedModels() => new(SharedData.SentencePieceModels().Select(m => m.Name));

    private static string PathOf(string name) => SharedData.SentencePieceModels().Single(m => m.Name == name).Path;

    [Theory]
    [MemberData(nameof(SharedModels))]
    public void Keeping_every_piece_in_order_gives_the_identical_file(string name)
    {
        var model = SentencePieceModel.Load(PathOf(name));

        var trimmed = SentencePieceTrimmer.Trim(model, [.. Enumerable.Range(0, model.PieceCount)]);

        trimmed.Model.ToBytes().Should().Equal(File.ReadAllBytes(PathOf(name)));
        trimmed.PlaceholderIds.Should().BeEmpty();
        trimmed.RemappedSpecialIds.Should().BeEmpty();
    }

    [Fact]
    public void Kept_pieces_keep_their_scores_and_types_and_everything_else_stays()
    {
        var model = SentencePieceModel.Load(SharedData.Mt5Derived32k);
        int[] kept = [0, 1, 2, .. Enumerable.Range(3, 256), 30000, 260, 5000, 32595, 261];

        var trimmed = SentencePieceTrimmer.Trim(model, kept).Model;

        trimmed.PieceCount.Should().Be(kept.Length);
        for (var i = 0; i < kept.Length; i++) trimmed.Proto.Pieces[i].Should().Be(model.Proto.Pieces[kept[i]]);
        trimmed.PieceAt(kept.Length - 2).Should().Be("▁<extra_id_0>");
        trimmed.Proto.NormalizerSpec.Should().Be(model.Proto.NormalizerSpec);
        trimmed.Proto.TrainerSpec.Should().Be(model.Proto.TrainerSpec);
        trimmed.Proto.DenormalizerSpec.Should().Be(model.Proto.DenormalizerSpec);
    }

    [Fact]
    public void The_shared_mt5_tiny_keep_list_gets_placeholders_for_its_padding_rows()
    {
        var keep = VocabTrim.Selection.KeepListFile.Read(
            Path.Combine(SharedData.Reference("mt5-tiny"), "kept_mt5-tiny.json"));
        var model = SentencePieceModel.Load(SharedData.Mt5TinySpiece);

        var trimmed = SentencePieceTrimmer.Trim(model, keep.Ids, keep.TokenizerSha256);

        trimmed.PlaceholderIds.Should().Equal(1022, 1001, 1009, 1018, 1023, 1014);
        trimmed.Model.PieceCount.Should().Be(373);
        for (var i = 0; i < keep.Ids.Count; i++)
        {
            var piece = trimmed.Model.Proto.Pieces[i];
            if (keep.Ids[i] < 1000)
            {
                piece.Should().Be(model.Proto.Pieces[keep.Ids[i]]);
                continue;
            }
            piece.Piece.Should().Be($"<vocabtrim_unused_{keep.Ids[i]}>");
            piece.Type.Should().Be(PieceType.Unused);
            piece.Score.Should().Be(0);
        }
    }

    [Fact]
    public void The_reference_loads_the_trimmed_mt5_tiny_and_sees_the_placeholders_as_unused()
    {
        var keep = VocabTrim.Selection.KeepListFile.Read(
            Path.Combine(SharedData.Reference("mt5-tiny"), "kept_mt5-tiny.json"));
        using var dir = new TempDir();
        var path = dir.File("spiece.model");
        SentencePieceTrimmer.Trim(
            SentencePieceModel.Load(SharedData.Mt5TinySpiece), keep.Ids, keep.TokenizerSha256).Model.Save(path);
        var placeholders = keep.Ids.Select((old, i) => (old, i)).Where(p => p.old >= 1000).Select(p => p.i).ToList();

        var script = $"""
            import sentencepiece as spm
            sp = spm.SentencePieceProcessor(model_file={Quote(path)})
            print(sp.get_piece_size(), sp.unk_id(), sp.eos_id(), sp.pad_id())
            print(*[int(sp.is_unused(i)) for i in [{string.Join(",", placeholders)}]])
            print(sum(sp.is_unused(i) for i in range(sp.get_piece_size())))
            """;
        var lines = ExternalTool.Run("/usr/bin/python3", ["-c", script]).Split('\n');

        lines[0].Should().Be("373 2 1 0");
        lines[1].Should().Be("1 1 1 1 1 1");
        lines[2].Should().Be("6");
    }

    [Fact]
    public void When_the_kept_order_moves_the_special_pieces_trainer_spec_follows()
    {
        var model = SentencePieceModel.Load(SharedData.Mt5TinySpiece);
        // pad, eos and unk end up at 1, 3 and 0.
        int[] kept = [2, 0, .. Enumerable.Range(3, 50), 1];
        using var dir = new TempDir();
        var path = dir.File("spiece.model");

        var trimmed = SentencePieceTrimmer.Trim(model, kept);
        trimmed.Model.Save(path);

        trimmed.RemappedSpecialIds.Should().Equal("unk_id 2 → 0", "eos_id 1 → 52", "pad_id 0 → 1");
        var spec = trimmed.Model.Proto.TrainerSpec;
        (spec.UnkId, spec.BosId, spec.EosId, spec.PadId).Should().Be((0, -1, 52, 1));
        // A character the tiny model has no piece for encodes as the (moved) unknown piece.
        ReferenceSentencePiece.EncodeLines(path, ["☃"]).Single().Should().Contain(0);
        ExternalTool.Run("/usr/bin/python3", ["-c",
            $"import sentencepiece as spm; sp = spm.SentencePieceProcessor(model_file={Quote(path)}); " +
            "print(sp.unk_id(), sp.eos_id(), sp.pad_id())"])
            .Trim().Should().Be("0 52 1");
    }

    [Fact]
    public void Self_test_samples_that_need_a_dropped_piece_are_removed_so_the_model_still_loads()
    {
        var original = SentencePieceModel.Load(SharedData.Mt5TinySpiece);
        var proto = original.Proto.Clone();
        proto.SelfTestData = new();
        // "▁This" is 218, "▁License" 17, "▁work" 23 (shared tokenizer_samples.json).
        proto.SelfTestData.Samples.Add(new SelfTestData.Types.Sample { Input = "This work", Expected = "▁This ▁work" });
        proto.SelfTestData.Samples.Add(new SelfTestData.Types.Sample { Input = "License", Expected = "▁License" });
        var model = original.With(proto);
        using var dir = new TempDir();
        var withTests = dir.File("with-tests.model");
        model.Save(withTests);
        ReferenceSentencePiece.EncodeLines(withTests, ["This work"]).Single().Should().Equal(218, 23);

        int[] kept = [.. Enumerable.Range(0, 1000).Where(id => id != 17)];
        var trimmed = SentencePieceTrimmer.Trim(model, kept);
        var path = dir.File("spiece.model");
        trimmed.Model.Save(path);

        trimmed.DroppedSelfTestSamples.Should().Be(1);
        trimmed.Model.Proto.SelfTestData.Samples.Should().ContainSingle().Which.Input.Should().Be("This work");
        ReferenceSentencePiece.EncodeLines(path, ["This work"]).Single().Should().Equal(217, 22);
    }

    private static string Quote(string path) => "'" + path.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
