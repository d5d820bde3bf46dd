using System.Text.Json.Nodes;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Selection;
using VocabTrim.Surgery.Tokenizers;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Pipeline.Tests.Surgery;

/// <summary>
/// The tokenizer files of a trimmed mT5 folder must not name sentinels the keep list dropped: transformers would
/// add them back as new tokens past the trimmed vocabulary.
/// </summary>
public class SentinelTokenizerFilesTests
{
    private static string Folder(TempDir dir)
    {
        var folder = dir.File("mt5");
        Directory.CreateDirectory(folder);
        File.CreateSymbolicLink(Path.Combine(folder, "spiece.model"), SharedData.Mt5Derived32k);
        // As transformers writes mT5's files: the sentinels without SentencePiece's ▁, once as strings, once as
        // objects.
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), """
            {"eos_token": "</s>", "pad_token": "<pad>", "unk_token": "<unk>", "extra_ids": 0,
             "additional_special_tokens": ["<extra_id_0>", "<extra_id_1>", "<extra_id_2>"],
             "tokenizer_class": "T5Tokenizer"}
            """);
        File.WriteAllText(Path.Combine(folder, "special_tokens_map.json"), """
            {"eos_token": "</s>", "additional_special_tokens": [{"content": "<extra_id_0>", "special": true},
             {"content": "<extra_id_1>", "special": true}, {"content": "<extra_id_2>", "special": true}]}
            """);
        return folder;
    }

    private static KeepList Keep(string sentinels)
    {
        var reference = ReferenceCounts.For("mt5-derived-32k");
        return VocabularySelector.Select(reference.Vocabulary, [reference.Counts["en"], reference.Counts["de"]],
            LanguageQuota.ParseList("en:500,de:500"), 0, SpecialTokenPolicy.ParseSentinels(sentinels)).ToKeepList();
    }

    private static List<string> Listed(TrimmedTokenizerFiles files, string name) =>
        [.. JsonNode.Parse(files.Files[name])!["additional_special_tokens"]!.AsArray()
            .Select(t => t is JsonObject o ? o["content"]!.GetValue<string>() : t!.GetValue<string>())];

    [Theory]
    [InlineData("all", new[] { "<extra_id_0>", "<extra_id_1>", "<extra_id_2>" })]
    [InlineData("2", new[] { "<extra_id_0>", "<extra_id_1>" })]
    [InlineData("none", new string[0])]
    public void Additional_special_tokens_list_exactly_the_kept_sentinels(string sentinels, string[] expected)
    {
        using var dir = new TempDir();

        var files = new SentencePieceFileTrimmer().Trim(Folder(dir), Keep(sentinels));

        Listed(files, "tokenizer_config.json").Should().Equal(expected);
        Listed(files, "special_tokens_map.json").Should().Equal(expected);
        files.Notes.Count(n => n.Contains("dropped additional special token '<extra_id_")).Should()
            .Be(2 * (3 - expected.Length));
        // The spiece.model beside them holds the same sentinels, and the reference SentencePiece loads it.
        File.WriteAllBytes(dir.File("spiece.model"), files.Files["spiece.model"]);
        var pieces = SentencePieceModel.Load(dir.File("spiece.model")).Proto.Pieces.Select(p => p.Piece);
        pieces.Where(p => SpecialTokenPolicy.SentinelNumber(p) != null).Select(p => p.TrimStart('\u2581'))
            .Should().BeEquivalentTo(
            sentinels == "all" ? Enumerable.Range(0, 100).Select(k => $"<extra_id_{k}>") : expected);
        ReferenceSentencePiece.EncodeLines(dir.File("spiece.model"), ["Guten Morgen <extra_id_0>"]).Single()
            .Should().NotBeEmpty();
    }
}
