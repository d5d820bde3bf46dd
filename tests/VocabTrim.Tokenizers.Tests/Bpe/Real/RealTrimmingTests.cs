using VocabTrim.Counting;
using VocabTrim.Selection;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Tokenizers.Tests.Bpe.Real;

/// <summary>
/// Acceptance: each real tokenizer trimmed to what selection keeps at en:20000,de:20000 on the shared samples
/// loads in the reference, keeps every kept token reachable and the byte pieces, encodes every covered
/// sentence exactly as the original (mapped to new ids), and remaps its added and post-processor tokens.
/// </summary>
[Collection(RealTokenizersCollection.Name)]
public class RealTrimmingTests(RealTokenizers real)
{
    /// <summary>
    /// The quotas, and small ones that leave many sentences uncovered (Llama 2's 32,000 pieces are all kept at
    /// 20,000 per language), so that byte fallback and the merges of dropped tokens are exercised.
    /// </summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var quotas in new[] { "en:20000,de:20000", "en:2000,de:2000" })
            foreach (var name in ReferenceHuggingFace.RealTokenizers) data.Add(name, quotas);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Trimmed_to_quotas_it_is_exact_on_covered_sentences_and_the_reference_agrees(string name, string quotas)
    {
        var original = real.Get(name);
        var originalIds = real.ReferenceIds(name);
        var kept = Select(name, originalIds, quotas);
        var json = File.ReadAllText(real.PathOf(name));
        var result = BpeTrimmer.Trim(json, kept.Ids);
        var path = real.File($"trimmed-{name}-{quotas.Replace(':', '-').Replace(',', '-')}.json");
        File.WriteAllText(path, result.Json);
        var trimmed = BpeTokenizer.Load(path);
        var newId = new int[original.PieceCount];
        Array.Fill(newId, -1);
        for (var i = 0; i < result.Kept.Count; i++) newId[result.Kept[i]] = i;

        trimmed.PieceCount.Should().Be(result.Kept.Count);
        result.Kept.Take(kept.Ids.Count).Should().Equal(kept.Ids, "the selection's ids come first, in its order");
        for (var i = 0; i < trimmed.PieceCount; i++) trimmed.PieceAt(i).Should().Be(original.PieceAt(result.Kept[i]));
        ByteAlphabet(original).Should().OnlyContain(
            id => newId[id] >= 0, "the byte alphabet or byte-fallback pieces stay");
        ByteAlphabet(trimmed).Should().HaveCount(256);

        // Closure: every merge of the original that builds a kept token has both parts kept, and survives.
        var model = original.Model;
        var survivors = 0;
        for (var rank = 0; rank < model.Merges.Count; rank++)
        {
            model.TryGetId(model.Merges[rank].Left, out var a);
            model.TryGetId(model.Merges[rank].Right, out var b);
            model.TryGetMerge(a, b, out _, out var ab);
            if (newId[ab] < 0) continue;
            (newId[a] >= 0 && newId[b] >= 0).Should().BeTrue($"merge #{rank} builds kept '{model.Tokens[ab]}'");
            survivors++;
        }
        trimmed.Model.Merges.Should().HaveCount(survivors);
        trimmed.Model.IgnoreMerges.Should().Be(model.IgnoreMerges);
        trimmed.Model.ByteFallback.Should().Be(model.ByteFallback);
        trimmed.Normalizer.Steps.Should().Equal(original.Normalizer.Steps);

        // Added tokens and the post-processor's ids follow their tokens.
        foreach (var t in original.AddedVocabulary.Tokens)
            trimmed.AddedVocabulary.Tokens.Should().ContainSingle(n => n.Content == t.Content)
                .Which.Should().Be(t with { Id = newId[t.Id] });
        trimmed.PostProcessor.Before.Should().Equal(original.PostProcessor.Before.Select(id => newId[id]));

        var sentences = real.Sentences;
        var covered = Enumerable.Range(0, sentences.Count).Where(s => originalIds[s].All(id => newId[id] >= 0))
            .ToList();
        var reference = ReferenceHuggingFace.Encode(path, sentences);
        var mismatches = Enumerable.Range(0, sentences.Count)
            .Where(s => !trimmed.Encode(sentences[s]).SequenceEqual(reference[s])).ToList();
        mismatches.Should().BeEmpty("the reference reads the trimmed file and encodes every sentence as we do");
        foreach (var s in covered)
            reference[s].Should().Equal(originalIds[s].Select(id => newId[id]), $"sentence #{s} had all its ids kept");
        foreach (var s in Enumerable.Range(0, sentences.Count).Except(covered).Take(500))
        {
            trimmed.Decode(reference[s]).Should().Be(
                original.Decode(originalIds[s]), $"uncovered sentence #{s} still decodes");
            reference[s].Should().NotContain(trimmed.UnknownId);
        }

        string[] specials = ["Hallo Welt", .. RealEdgeTexts.All.TakeLast(8)];
        var withSpecials = ReferenceHuggingFace.EncodeWithSpecialTokens(path, specials);
        for (var i = 0; i < specials.Length; i++)
            trimmed.EncodeWithSpecialTokens(specials[i]).Should().Equal(withSpecials[i]);
        withSpecials[0].Take(original.PostProcessor.Before.Count).Should().Equal(
            original.PostProcessor.Before.Select(id => newId[id]));

        Console.WriteLine($"{name} at {quotas}: pieces {original.PieceCount:N0}, merges {model.Merges.Count:N0}; " +
            $"selection {kept.Ids.Count:N0}, forced {result.ForcedAdded.Count:N0}, " +
            $"closure added {result.PartsAdded.Count:N0} tokens, kept {result.Kept.Count:N0} rows, " +
            $"merges kept {result.MergesKept:N0}; covered {covered.Count:N0} of {sentences.Count:N0}");
        if (quotas == "en:20000,de:20000")
            covered.Count.Should().BeGreaterThan(
                sentences.Count * 8 / 10, "20,000 pieces per language cover most of the samples");
        else
            covered.Count.Should().BeInRange(
                100, sentences.Count / 2, "2,000 pieces per language cover a few short sentences only");
    }

    private KeptVocabulary Select(string name, List<int[]> ids, string quotas)
    {
        var loaded = TokenizerFile.Load(real.PathOf(name));
        var vocabulary = TokenizerVocabulary.Of(loaded.Tokenizer, loaded.Path, loaded.Sha256);
        LanguageCounts Counts(string language, IEnumerable<int[]> sentences)
        {
            var counts = new long[vocabulary.Count];
            foreach (var s in sentences) foreach (var id in s) counts[id]++;
            return new LanguageCounts
            {
                Language = language, Counts = counts, Sentences = 10_000, Tokens = counts.Sum(),
                Corpus = CorpusCounter.Identify(language == "en" ? SharedData.EnglishSample : SharedData.GermanSample,
                    new CountingOptions(null, false, CorpusCounter.LeipzigFormat)),
                Options = new CountingOptions(null, false, CorpusCounter.LeipzigFormat),
            };
        }
        return VocabularySelector.Select(vocabulary, [Counts("en", ids.Take(10_000)), Counts("de", ids.Skip(10_000))],
            LanguageQuota.ParseList(quotas), overall: 0);
    }

    private static List<int> ByteAlphabet(BpeTokenizer t) =>
        [
            .. Enumerable.Range(0, 256)
                .Select(b => (byte)b)
                .Select(b => t.PreTokenizer.ByteLevel
                    ? ByteLevelAlphabet.CharOf(b).ToString()
                    : ByteFallbackPiece.Of(b))

                .Select(piece => t.Model.TryGetId(piece, out var id) ? id : -1)
                .Where(id => id >= 0),
        ];


}
