using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// Trims a BPE <c>tokenizer.json</c> to a keep list so that it stays a correct BPE tokenizer:
/// <list type="bullet">
/// <item>byte tokens (or byte-fallback tokens), the unknown token, added tokens and any token the
/// post-processor names are always kept (appended when the list lacks them);</item>
/// <item>the kept set is made closed: for every kept token, every merge that builds it has both parts
/// kept (<see cref="BpeClosure"/> says whether missing parts are added or such tokens dropped);</item>
/// <item>a merge survives only if both parts and its result are kept, keeping its rank order.</item>
/// </list>
/// Closure makes trimming exact: encoding a word applies merges lowest rank first, and every merge it
/// applies builds (a part of) one of its final tokens. If those tokens are kept, closure keeps all these
/// merges, and removing other merges cannot change which pair has the lowest rank, so the word encodes
/// to the same tokens. Other text still encodes, through byte tokens.
/// </summary>
public static class BpeTrimmer
{
    /// <summary>
    /// Trims the bytes of a <c>tokenizer.json</c> file, refusing a keep list made for another tokenizer
    /// (<paramref name="madeFor"/>, its sha256) or one that keeps ids past the tokenizer's tokens.
    /// </summary>
    /// <param name="source">The file, as messages name it.</param>
    /// <param name="sha256">The file's sha256 when already known (it is not hashed again).</param>
    public static BpeTrimResult Trim(
        byte[] tokenizerJson, string source, IReadOnlyList<int> kept, string? madeFor,
        BpeClosure closure = BpeClosure.AddMissingParts, string? sha256 = null)
    {
        if (madeFor != null)
        {
            sha256 ??= Convert.ToHexStringLower(SHA256.HashData(tokenizerJson));
            TrimException.UnlessMadeFor(madeFor, source, sha256);
        }
        var json = Encoding.UTF8.GetString(tokenizerJson);
        var count = BpeTokenizer.FromJson(json).PieceCount;
        var padding = kept.Where(id => id >= count).ToList();
        if (padding.Count > 0)
            throw new TrimException(
                $"{source}: the keep list keeps {padding.Count} checkpoint padding rows past the tokenizer's " +
                $"{count:N0} tokens (e.g. {padding[0]}); " +
                "tokenizer.json gets no placeholders for them yet, so keep only tokenizer ids");
        return Trim(json, kept, closure);
    }

    public static BpeTrimResult Trim(
        string tokenizerJson, IReadOnlyList<int> kept, BpeClosure closure = BpeClosure.AddMissingParts)
    {
        var tokenizer = BpeTokenizer.FromJson(tokenizerJson);
        var root = JsonNode.Parse(tokenizerJson)!.AsObject();
        var model = tokenizer.Model;
        var count = tokenizer.PieceCount;

        var isKept = new bool[count];
        var order = new List<int>(kept.Count);
        foreach (var id in kept)
        {
            if ((uint)id >= (uint)count)
                throw new ArgumentException($"kept id {id} is outside the vocabulary (0..{count - 1})", nameof(kept));
            if (isKept[id]) throw new ArgumentException($"kept id {id} appears twice", nameof(kept));
            isKept[id] = true;
            order.Add(id);
        }

        var forced = Enumerable.Range(0, count).Where(id => tokenizer.KindOf(id) != PieceKind.Normal)
            .Concat(PostProcessorIds(root["post_processor"]).Select(t => PostProcessorToken(tokenizer, t.Token, t.Id)))
            .Distinct().Order().ToList();
        var forcedAdded = Append(forced);

        // Merges that build each token: (left id, right id) pairs.
        var builders = new List<(int Left, int Right)>?[count];
        var mergeIds = new (int Left, int Right, int Result)[model.Merges.Count];
        for (var rank = 0; rank < model.Merges.Count; rank++)
        {
            var m = model.Merges[rank];
            model.TryGetId(m.Left, out var a);
            model.TryGetId(m.Right, out var b);
            model.TryGetMerge(a, b, out _, out var ab);
            mergeIds[rank] = (a, b, ab);
            (builders[ab] ??= []).Add((a, b));
        }

        var partsAdded = new List<int>();
        var dropped = new List<int>();
        if (closure == BpeClosure.AddMissingParts)
        {
            var work = new Stack<int>(order);
            var added = new List<int>();
            while (work.TryPop(out var t))
            {
                foreach (var (a, b) in builders[t] ?? [])
                    foreach (var part in (ReadOnlySpan<int>)[a, b])
                        if (!isKept[part])
                        {
                            isKept[part] = true;
                            added.Add(part);
                            work.Push(part);
                        }
            }
            added.Sort();
            partsAdded = added;
            order.AddRange(added);
        }
        else
        {
            // Dropping a token can break the tokens built from it, so repeat until nothing changes.
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var t in order)
                {
                    if (!isKept[t] || tokenizer.KindOf(t) != PieceKind.Normal) continue;
                    if ((builders[t] ?? []).Any(p => !isKept[p.Left] || !isKept[p.Right]))
                    {
                        isKept[t] = false;
                        dropped.Add(t);
                        changed = true;
                    }
                }
            }
            order.RemoveAll(t => !isKept[t]);
            dropped.Sort();
        }

        var newId = new int[count];
        Array.Fill(newId, -1);
        for (var i = 0; i < order.Count; i++) newId[order[i]] = i;

        var modelNode = root["model"]!.AsObject();
        var vocab = new JsonObject();
        // Added tokens go into the model's vocabulary too: the reference gives an added token outside it
        // the next id after the vocabulary, which a dense kept order cannot promise.
        foreach (var old in order) vocab[tokenizer.PieceAt(old)] = newId[old];
        modelNode["vocab"] = vocab;

        var oldMerges = modelNode["merges"]?.AsArray() ?? [];
        var merges = new JsonArray();
        for (var rank = 0; rank < mergeIds.Length; rank++)
        {
            var (a, b, ab) = mergeIds[rank];
            if (isKept[a] && isKept[b] && isKept[ab]) merges.Add(oldMerges[rank]!.DeepClone());
        }
        modelNode["merges"] = merges;

        if (root["added_tokens"] is JsonArray addedTokens)
            foreach (var t in addedTokens)
                t!["id"] = newId[t["id"]!.GetValue<int>()];
        RewritePostProcessor(root["post_processor"], old => newId[old]);

        var neverBuilt = order
            .Where(t => builders[t] == null && tokenizer.KindOf(t) == PieceKind.Normal).Order().ToList();

        return new BpeTrimResult(root.ToJsonString(BloomFormat.WriteOptions), order, forcedAdded, partsAdded, dropped,
            merges.Count, mergeIds.Length - merges.Count, neverBuilt, count);

        List<int> Append(IEnumerable<int> ids)
        {
            var appended = new List<int>();
            foreach (var id in ids)
            {
                if (isKept[id]) continue;
                isKept[id] = true;
                order.Add(id);
                appended.Add(id);
            }
            return appended;
        }
    }

    private static int PostProcessorToken(BpeTokenizer tokenizer, string token, int id)
    {
        if (tokenizer.Model.TryGetId(token, out var inVocab)) return inVocab;
        if (tokenizer.AddedVocabulary.Tokens.FirstOrDefault(t => t.Content == token) is { } added) return added.Id;
        return (uint)id < (uint)tokenizer.PieceCount && tokenizer.PieceAt(id) == token ? id
            : throw new TokenizerFormatException(
                "post_processor", $"names the token '{token}' (id {id}), which the tokenizer does not have");
    }

    /// <summary>The (token, id) pairs a post-processor adds to encodings.</summary>
    private static IEnumerable<(string Token, int Id)> PostProcessorIds(JsonNode? processor)
    {
        var found = new List<(string, int)>();
        Visit(processor, (token, id) => { found.Add((token, id)); return id; });
        return found;
    }

    private static void RewritePostProcessor(JsonNode? processor, Func<int, int> map) =>
        Visit(processor, (_, id) => map(id));

    /// <summary>
    /// Calls <paramref name="rewrite"/> on every id a post-processor holds and stores what it returns.
    /// </summary>
    private static void Visit(JsonNode? processor, Func<string, int, int> rewrite)
    {
        if (processor is not JsonObject p) return;
        switch (p["type"]?.GetValue<string>())
        {
            case "TemplateProcessing":
                if (p["special_tokens"] is JsonObject specials)
                    foreach (var (_, special) in specials)
                    {
                        var ids = special!["ids"]!.AsArray();
                        var tokens = special["tokens"]!.AsArray();
                        for (var i = 0; i < ids.Count; i++)
                            ids[i] = rewrite(tokens[i]!.GetValue<string>(), ids[i]!.GetValue<int>());
                    }
                break;
            case "BertProcessing" or "RobertaProcessing":
                foreach (var name in (string[])["sep", "cls"])
                    if (p[name] is JsonArray pair)
                        pair[1] = rewrite(pair[0]!.GetValue<string>(), pair[1]!.GetValue<int>());
                break;
            case "Sequence":
                foreach (var inner in p["processors"]?.AsArray() ?? []) Visit(inner, rewrite);
                break;
        }
    }
}
