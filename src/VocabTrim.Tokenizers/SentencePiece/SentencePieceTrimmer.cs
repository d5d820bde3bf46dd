using VocabTrim.Tokenizers.SentencePiece.Proto;
using PieceType = VocabTrim.Tokenizers.SentencePiece.Proto.ModelProto.Types.SentencePiece.Types.Type;

namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// Cuts a SentencePiece model down to a keep list: new id i is old id <c>kept[i]</c>, every piece keeps its
/// score and type, and the normalizer and trainer settings stay as they were.
/// </summary>
public static class SentencePieceTrimmer
{
    /// <param name="kept">The keep list's ids: new id i is old id <c>kept[i]</c>.</param>
    /// <param name="madeFor">
    /// The sha256 of the tokenizer the keep list was made for; another model's list is refused.
    /// </param>
    /// <param name="modelSha256">The model file's sha256 when already known (it is not hashed again).</param>
    public static TrimmedModel Trim(SentencePieceModel model, IReadOnlyList<int> kept, string? madeFor = null,
        string? modelSha256 = null)
    {
        if (madeFor != null) TrimException.UnlessMadeFor(madeFor, model.Source, modelSha256 ?? model.Sha256());
        if (KeptIds.Problem(kept, "kept") is { } problem) throw new TrimException(problem);
        var original = model.Proto;
        var n = original.Pieces.Count;

        var newId = new Dictionary<int, int>(kept.Count);
        for (var i = 0; i < kept.Count; i++) newId[kept[i]] = i;
        CheckUnknownKept(model, newId);
        CheckBytesKept(model, newId);

        var names = new HashSet<string>(kept.Where(id => id < n).Select(id => original.Pieces[id].Piece),
            StringComparer.Ordinal);
        var trimmed = original.Clone();
        trimmed.Pieces.Clear();
        var placeholders = new List<int>();
        foreach (var id in kept)
        {
            if (id < n)
            {
                trimmed.Pieces.Add(original.Pieces[id].Clone());
                continue;
            }
            // A checkpoint's embedding often has more rows than the tokenizer has pieces (mT5: 250,112 vs
            // 250,100). A kept padding row still needs an id, so it gets a piece that never encodes.
            placeholders.Add(id);
            trimmed.Pieces.Add(new ModelProto.Types.SentencePiece
            {
                Piece = UniqueName($"<vocabtrim_unused_{id}>", names),
                Score = 0,
                Type = PieceType.Unused,
            });
        }

        var remapped = RemapSpecialIds(model, trimmed.TrainerSpec, newId);
        var droppedSamples = DropBrokenSelfTests(trimmed, names);
        return new TrimmedModel(model.With(trimmed), placeholders, remapped, droppedSamples);
    }

    private static void CheckUnknownKept(SentencePieceModel model, Dictionary<int, int> newId)
    {
        for (var id = 0; id < model.PieceCount; id++)
            if (model.Proto.Pieces[id].Type == PieceType.Unknown && !newId.ContainsKey(id))
                throw new TrimException(
                    $"the keep list drops the unknown piece {model.PieceAt(id)} (id {id}); SentencePiece cannot " +
                    "load a model without it");
    }

    private static void CheckBytesKept(SentencePieceModel model, Dictionary<int, int> newId)
    {
        if (model.Proto.TrainerSpec is not { ByteFallback: true }) return;
        var kept = 0;
        var dropped = new List<string>();
        for (var id = 0; id < model.PieceCount; id++)
        {
            if (model.Proto.Pieces[id].Type != PieceType.Byte) continue;
            if (newId.ContainsKey(id)) kept++;
            else dropped.Add($"{model.PieceAt(id)} (id {id})");
        }
        if (kept == 256) return;
        var examples = dropped.Count == 0
            ? ""
            : $"; dropped: {string.Join(", ", dropped.Take(3))}{(dropped.Count > 3 ? ", …" : "")}";
        throw new TrimException(
            "the model uses byte fallback, so all 256 byte pieces <0x00>…<0xFF> must be kept, but the keep list " +
            $"keeps {kept}{examples}");
    }

    // SentencePiece itself finds unk/bos/eos/pad by their piece names, but other readers take the ids from
    // trainer_spec (Hugging Face's converter builds its Unigram model with trainer_spec.unk_id), so they
    // must follow the pieces when the kept order moves them.
    private static List<string> RemapSpecialIds(SentencePieceModel model, TrainerSpec? spec, Dictionary<int, int> newId)
    {
        var remapped = new List<string>();
        if (spec == null) return remapped;
        void Remap(string field, int oldId, Action<int> set)
        {
            // An id that does not name an unknown or control piece is a stale training setting; leave it.
            if (oldId < 0 || oldId >= model.PieceCount
                || model.Proto.Pieces[oldId].Type is not (PieceType.Unknown or PieceType.Control)) return;
            if (!newId.TryGetValue(oldId, out var id))
                throw new TrimException(
                    $"the keep list drops {model.PieceAt(oldId)} (id {oldId}), which the model names as its " +
                    $"{field}; keep it");
            if (id == oldId) return;
            set(id);
            remapped.Add($"{field} {oldId} → {id}");
        }
        Remap("unk_id", spec.UnkId, v => spec.UnkId = v);
        Remap("bos_id", spec.BosId, v => spec.BosId = v);
        Remap("eos_id", spec.EosId, v => spec.EosId = v);
        Remap("pad_id", spec.PadId, v => spec.PadId = v);
        return remapped;
    }

    // SentencePiece encodes every self-test sample when it loads a model and refuses the model if one
    // comes out differently; samples that need a dropped piece would fail.
    private static int DropBrokenSelfTests(ModelProto trimmed, HashSet<string> keptPieces)
    {
        if (trimmed.SelfTestData == null) return 0;
        var samples = trimmed.SelfTestData.Samples;
        var before = samples.Count;
        var keep = samples.Where(s => s.Expected.Split(' ',
            StringSplitOptions.RemoveEmptyEntries).All(keptPieces.Contains)).ToList();
        samples.Clear();
        samples.AddRange(keep);
        return before - keep.Count;
    }

    private static string UniqueName(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++) candidate = $"{name[..^1]}_{i}>";
        return candidate;
    }
}
