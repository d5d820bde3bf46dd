using System.Text.Json.Nodes;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Tokenizers.Tests.Bpe;

/// <summary>
/// Trimming with merge closure: exact where the original ids were kept, byte tokens elsewhere, and the reference
/// agrees.
/// </summary>
[Collection(BloomCollection.Name)]
public class BpeTrimmerTests(BloomTokenizers bloom)
{
    /// <summary>
    /// A selection like one made from counts: every Normal token of the Large tokenizer except the
    /// rarest 15 % of the tokens no merge uses (so sentences holding them need byte tokens) and 20
    /// rare tokens that merges do use (so closure has parts to add or tokens to drop). Ordered most
    /// frequent first, so new ids are not ascending old ids.
    /// </summary>
    private (List<int> Kept, List<int[]> Original) Selection()
    {
        var original = bloom.Sentences.Select(bloom.Large.Encode).ToList();
        var counts = new long[bloom.Large.PieceCount];
        foreach (var ids in original) foreach (var id in ids) counts[id]++;
        var model = bloom.Large.Model;
        var isPart = new bool[counts.Length];
        foreach (var m in model.Merges)
        {
            model.TryGetId(m.Left, out var a);
            model.TryGetId(m.Right, out var b);
            isPart[a] = isPart[b] = true;
        }
        var normal = Enumerable.Range(0, counts.Length).Where(id => bloom.Large.KindOf(id) == PieceKind.Normal)
            .OrderBy(id => counts[id]).ThenBy(id => id).ToList();
        var leaves = normal.Where(id => !isPart[id]).ToList();
        var parts = normal.Where(id => isPart[id]).ToList();
        var removed = leaves.Take(leaves.Count * 15 / 100)
            .Concat(Enumerable.Range(0, 20).Select(i => parts[parts.Count / 4 + i * 7])).ToHashSet();
        var kept = normal.Where(id => !removed.Contains(id)).OrderByDescending(id => counts[id]).ThenBy(id => id)
            .ToList();
        return (kept, original);
    }

    public static TheoryData<BpeClosure> Closures() => new() { BpeClosure.AddMissingParts, BpeClosure.DropUnbuildable };

    [Theory]
    [MemberData(nameof(Closures))]
    public void Trimmed_tokenizer_is_exact_where_ids_were_kept_and_falls_back_to_bytes_elsewhere(BpeClosure closure)
    {
        var (kept, original) = Selection();
        var result = BpeTrimmer.Trim(File.ReadAllText(bloom.LargePath), kept, closure);
        var path = bloom.File($"trimmed-{closure}.json");
        File.WriteAllText(path, result.Json);
        var trimmed = BpeTokenizer.Load(path);

        trimmed.PieceCount.Should().Be(result.Kept.Count);
        result.Kept.Take(10).Should().Equal(
            kept.Where(id => !result.Dropped.Contains(id)).Take(10), "kept order gives the new ids");
        Enumerable.Range(0, 256).Select(
            b => trimmed.Model.TryGetId(ByteLevelAlphabet.CharOf((byte)b).ToString(), out _))
            .Should().AllBeEquivalentTo(true, "all byte tokens stay");
        trimmed.PieceAt(result.Kept.ToList().IndexOf(2)).Should().Be("</s>");
        var newId = result.Kept.Select((old, i) => (old, i)).ToDictionary(p => p.old, p => p.i);

        int covered = 0, other = 0;
        for (var s = 0; s < bloom.Sentences.Count; s++)
        {
            var ids = trimmed.Encode(bloom.Sentences[s]);
            if (original[s].All(newId.ContainsKey))
            {
                covered++;
                ids.Should().Equal(original[s].Select(id => newId[id]), $"sentence #{s} had all its ids kept");
            }
            else
            {
                other++;
                ids.Should().NotContain(trimmed.UnknownId);
                trimmed.Decode(ids).Should().Be(bloom.Sentences[s]);
            }
        }
        Console.WriteLine($"{closure}: kept {result.Kept.Count}, parts added {result.PartsAdded.Count}, dropped " +
                          $"{result.Dropped.Count}, covered {covered}, other {other}");
        covered.Should().BeGreaterThan(bloom.Sentences.Count / 2, "the selection covers most sentences");
        other.Should().BeGreaterThan(100, "some sentences must need byte tokens");

        // The reference reads the trimmed file and encodes as we do.
        string[] texts = [.. bloom.Sentences, .. BpeEdgeTexts.All];
        var expected = ReferenceHuggingFace.Encode(path, texts);
        var mismatches = Enumerable.Range(0, texts.Length).Count(
            i => !trimmed.Encode(texts[i]).SequenceEqual(expected[i]));
        mismatches.Should().Be(0);
    }

    [Fact]
    public void A_missing_part_is_added_back_or_its_token_dropped_and_merges_follow()
    {
        var (kept, _) = Selection();
        var keptSet = kept.ToHashSet();
        var model = bloom.Large.Model;
        // A kept token whose merge parts are both kept Normal tokens: remove one part from the request.
        var merge = model.Merges.First(m => model.TryGetId(m.Result, out var r) && keptSet.Contains(r)
            && model.TryGetId(m.Left, out var l) && keptSet.Contains(l) && l >= 260);
        model.TryGetId(merge.Left, out var part);
        model.TryGetId(merge.Result, out var whole);
        var request = kept.Where(id => id != part).ToList();
        var json = File.ReadAllText(bloom.LargePath);

        var added = BpeTrimmer.Trim(json, request, BpeClosure.AddMissingParts);
        added.PartsAdded.Should().Contain(part);
        added.Dropped.Should().BeEmpty();
        added.Kept.Should().Contain(whole).And.HaveCount(
            request.Count + added.ForcedAdded.Count + added.PartsAdded.Count);
        added.Kept.Take(request.Count).Should().Equal(request, "appending keeps the requested new ids");
        added.NeverBuilt.Should().BeEmpty("every Normal token of a trained BPE comes from a merge");

        var dropped = BpeTrimmer.Trim(json, request, BpeClosure.DropUnbuildable);
        dropped.Dropped.Should().Contain(whole);
        dropped.PartsAdded.Should().BeEmpty();
        dropped.Kept.Should().NotContain(whole).And.NotContain(part);
        dropped.MergesKept.Should().BeLessThan(added.MergesKept);
        added.MergesKept.Should().BeLessThan(model.Merges.Count);
        (added.MergesKept + added.MergesDropped).Should().Be(model.Merges.Count);

        // Closure: every surviving merge has its parts and result in the trimmed vocabulary (loading checks it).
        foreach (var r in new[] { added, dropped })
        {
            var t = BpeTokenizer.FromJson(r.Json);
            t.Model.Merges.Should().HaveCount(r.MergesKept);
        }
    }

    [Fact]
    public void Byte_and_special_tokens_are_always_kept_and_reported()
    {
        var result = BpeTrimmer.Trim(File.ReadAllText(bloom.TinyPath), [700, 500, 300]);
        result.ForcedAdded.Should().Equal(Enumerable.Range(0, 260));
        result.Kept.Take(3).Should().Equal(700, 500, 300);
        var trimmed = BpeTokenizer.FromJson(result.Json);
        trimmed.KindOf(result.Kept.ToList().IndexOf(0)).Should().Be(PieceKind.Unknown);
        trimmed.Encode("Ein Satz, den es so nicht gibt: Qwxz!").Should().NotBeEmpty().And.NotContain(trimmed.UnknownId);
    }

    [Fact]
    public void A_tokenizer_json_is_trimmed_only_for_the_keep_list_made_for_it()
    {
        var bytes = File.ReadAllBytes(bloom.TinyPath);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

        var other = () => BpeTrimmer.Trim(bytes, "tiny/tokenizer.json", [700, 500, 300], new string('e', 64));
        other.Should().Throw<TrimException>()
            .WithMessage("the keep list was made for the tokenizer with sha256 eeee*, "
                + $"but tiny/tokenizer.json has sha256 {sha}");
        var padding = () => BpeTrimmer.Trim(bytes, "tiny/tokenizer.json", [700, 1024, 1030], sha);
        padding.Should().Throw<TrimException>().WithMessage(
            "tiny/tokenizer.json: the keep list keeps 2 checkpoint padding rows "
            + "past the tokenizer's 1,024 tokens (e.g. 1024)*");

        var mine = BpeTrimmer.Trim(bytes, "tiny/tokenizer.json", [700, 500, 300], sha.ToUpperInvariant());
        mine.Json.Should().Be(BpeTrimmer.Trim(File.ReadAllText(bloom.TinyPath), [700, 500, 300]).Json);
        BpeTrimmer.Trim(bytes, "tiny/tokenizer.json", [700, 500, 300], madeFor: null).Kept.Should().Equal(mine.Kept);
    }

    [Fact]
    public void Bad_keep_lists_are_rejected()
    {
        var json = File.ReadAllText(bloom.TinyPath);
        ((Action)(() => BpeTrimmer.Trim(json, [5, 5]))).Should().Throw<ArgumentException>().WithMessage("*twice*");
        ((Action)(() => BpeTrimmer.Trim(json, [1024]))).Should().Throw<ArgumentException>().WithMessage("*outside*");
    }

    [Fact]
    public void Ids_inside_a_template_post_processor_are_rewritten()
    {
        var json = JsonNode.Parse(File.ReadAllText(bloom.TinyPath))!.AsObject();
        json["post_processor"] = JsonNode.Parse("""
            {"type":"TemplateProcessing",
             "single":[{"SpecialToken":{"id":"<s>","type_id":0}},{"Sequence":{"id":"A","type_id":0}},
                       {"SpecialToken":{"id":"</s>","type_id":0}}],
             "pair":[{"Sequence":{"id":"A","type_id":0}},{"Sequence":{"id":"B","type_id":1}}],
             "special_tokens":{"<s>":{"id":"<s>","ids":[1],"tokens":["<s>"]},
                               "</s>":{"id":"</s>","ids":[2],"tokens":["</s>"]}}}
            """);
        var result = BpeTrimmer.Trim(json.ToJsonString(), [300, 2, 301, 1]);
        var trimmed = JsonNode.Parse(result.Json)!;
        trimmed["post_processor"]!["special_tokens"]!["<s>"]!["ids"]![0]!.GetValue<int>().Should().Be(3);
        trimmed["post_processor"]!["special_tokens"]!["</s>"]!["ids"]![0]!.GetValue<int>().Should().Be(1);
        trimmed["added_tokens"]!.AsArray().Select(t => t!["id"]!.GetValue<int>()).Should().Equal(4, 3, 1, 5);

        var path = bloom.File("template-trimmed.json");
        File.WriteAllText(path, result.Json);
        var ours = BpeTokenizer.Load(path);
        string[] texts = ["<s>Hallo</s>", "Die Welt"];
        var expected = ReferenceHuggingFace.Encode(path, texts);
        for (var i = 0; i < texts.Length; i++) ours.Encode(texts[i]).Should().Equal(expected[i]);
    }

    [Fact]
    public void Added_tokens_outside_the_model_vocabulary_keep_their_place_in_the_kept_order()
    {
        var json = JsonNode.Parse(File.ReadAllText(bloom.TinyPath))!.AsObject();
        json["added_tokens"]!.AsArray().Add(JsonNode.Parse("""
            {"id":1024,"content":"[MASK]","special":true,"single_word":false,"lstrip":true,"rstrip":false,
             "normalized":false}
            """));
        json["added_tokens"]!.AsArray().Add(JsonNode.Parse("""
            {"id":1025,"content":"Corona","special":false,"single_word":true,"lstrip":false,"rstrip":false,
             "normalized":true}
            """));

        var result = BpeTrimmer.Trim(json.ToJsonString(), [1025, 700, 1024, 500]);
        result.Kept.Take(4).Should().Equal(1025, 700, 1024, 500);
        var path = bloom.File("trimmed-added.json");
        File.WriteAllText(path, result.Json);
        var trimmed = BpeTokenizer.Load(path);
        trimmed.PieceAt(0).Should().Be("Corona");
        trimmed.KindOf(0).Should().Be(PieceKind.UserDefined);
        trimmed.KindOf(2).Should().Be(PieceKind.Control);

        string[] texts = ["Corona [MASK] Coronas  [MASK]x", "<s>Corona</s>", .. bloom.Sentences.Take(500)];
        var expected = ReferenceHuggingFace.Encode(path, texts);
        for (var i = 0; i < texts.Length; i++) trimmed.Encode(texts[i]).Should().Equal(expected[i], texts[i]);
        trimmed.Encode("Corona [MASK]").Should().Equal(0, 2);
    }

    public static TheoryData<int, BpeClosure> RandomSelections()
    {
        var data = new TheoryData<int, BpeClosure>();
        foreach (var seed in new[] { 1, 2, 3 })
            foreach (var closure in Enum.GetValues<BpeClosure>()) data.Add(seed, closure);
        return data;
    }

    [Theory]
    [MemberData(nameof(RandomSelections))]
    public void Random_selections_stay_exact_and_agree_with_the_reference(int seed, BpeClosure closure)
    {
        // Selections that no frequency ranking would make: a random half of the tiny tokenizer, shuffled.
        var random = new Random(seed);
        var kept = Enumerable.Range(0, bloom.Tiny.PieceCount).Where(_ => random.Next(2) == 0)
            .OrderBy(_ => random.Next()).ToList();
        var result = BpeTrimmer.Trim(File.ReadAllText(bloom.TinyPath), kept, closure);
        var path = bloom.File($"random-trim-{seed}-{closure}.json");
        File.WriteAllText(path, result.Json);
        var trimmed = BpeTokenizer.Load(path);
        var newId = result.Kept.Select((old, i) => (old, i)).ToDictionary(p => p.old, p => p.i);

        var sentences = bloom.Sentences.Where((_, i) => i % 10 == seed).ToList();
        var expected = ReferenceHuggingFace.Encode(path, sentences);
        var covered = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            var ids = trimmed.Encode(sentences[i]);
            ids.Should().Equal(expected[i]);
            var original = bloom.Tiny.Encode(sentences[i]);
            if (original.All(newId.ContainsKey))
            {
                covered++;
                ids.Should().Equal(original.Select(id => newId[id]));
            }
            else
            {
                trimmed.Decode(ids).Should().Be(sentences[i]);
            }
        }
        (closure == BpeClosure.AddMissingParts ? result.PartsAdded : result.Dropped).Should().NotBeEmpty();
        if (closure == BpeClosure.AddMissingParts) covered.Should().BeGreaterThan(0);

        // Word by word (BLOOM's pre-tokens), where even a thin selection keeps many words whole.
        var split = ((RegexSplitPattern)bloom.Tiny.PreTokenizer.Splits.Single().Pattern).Regex;
        var wordsCovered = 0;
        foreach (var word in sentences.SelectMany(s => split.Matches(s).Select(m => m.Value)).Distinct())
        {
            var original = bloom.Tiny.Encode(word);
            if (!original.All(newId.ContainsKey)) continue;
            wordsCovered++;
            trimmed.Encode(word).Should().Equal(original.Select(id => newId[id]), $"'{word}' had all its ids kept");
        }
        wordsCovered.Should().BeGreaterThan(100);
    }
}
