using System.Text;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// Applies the merges to one pre-token, as the reference's <c>Word::merge_all</c> does: repeatedly
/// merge the lowest-ranked adjacent pair, leftmost first, using a heap of candidate pairs that are
/// checked again when popped. Holds scratch buffers, so one per thread.
/// </summary>
internal sealed class BpeWordMerger(BpeModel model)
{
    private Symbol[] _symbols = new Symbol[64];
    private int _count;
    private readonly PriorityQueue<Candidate, long> _queue = new();
    private readonly byte[] _utf8 = new byte[4];

    private struct Symbol
    {
        public int Id;
        public int Prev;
        public int Next;
        public bool Alive;
    }

    private readonly record struct Candidate(int Pos, int NewId);

    /// <summary>
    /// Appends the ids of <paramref name="word"/> (already byte-level mapped if the tokenizer is byte level).
    /// </summary>
    public void Encode(ReadOnlySpan<char> word, List<int> ids)
    {
        if (word.IsEmpty) return;
        if (model.IgnoreMerges && model.TryGetId(word, out var whole))
        {
            ids.Add(whole);
            return;
        }
        Split(word);
        MergeAll();
        for (var i = 0; i < _count; i++)
            if (_symbols[i].Alive) ids.Add(_symbols[i].Id);
    }

    /// <summary>One symbol per character, with the reference's handling of characters outside the vocabulary.</summary>
    private void Split(ReadOnlySpan<char> word)
    {
        _count = 0;
        // An unknown symbol is held back until a known character arrives, as in the reference, so that
        // fused runs become one symbol; bytes from byte fallback do not flush it (the reference's order).
        var unknownPending = false;
        var pos = 0;
        while (pos < word.Length)
        {
            var surrogatePair = char.IsHighSurrogate(word[pos]) && pos + 1 < word.Length
                                && char.IsLowSurrogate(word[pos + 1]);
            var length = surrogatePair ? 2 : 1;

            var ch = word.Slice(pos, length);
            var isFirst = pos == 0;
            var isLast = pos + length == word.Length;
            pos += length;
            if (TryLookUp(ch, isFirst, isLast, out var id))
            {
                if (unknownPending) Push(model.UnknownId);
                unknownPending = false;
                Push(id);
                continue;
            }
            if (model.ByteFallback && TryPushBytes(ch)) continue;
            if (model.UnknownId < 0) continue; // the reference drops the character
            if (unknownPending && !model.FuseUnknown) Push(model.UnknownId);
            unknownPending = true;
        }
        if (unknownPending) Push(model.UnknownId);
    }

    private bool TryLookUp(ReadOnlySpan<char> ch, bool isFirst, bool isLast, out int id)
    {
        var prefix = !isFirst ? model.ContinuingSubwordPrefix : null;
        var suffix = isLast ? model.EndOfWordSuffix : null;
        if (prefix == null && suffix == null) return model.TryGetId(ch, out id);
        return model.TryGetId(string.Concat(prefix, ch, suffix), out id);
    }

    private bool TryPushBytes(ReadOnlySpan<char> ch)
    {
        var n = Encoding.UTF8.GetBytes(ch, _utf8);
        Span<int> byteIds = stackalloc int[4];
        for (var i = 0; i < n; i++)
            if (!model.TryGetId(ByteFallbackPiece.Of(_utf8[i]), out byteIds[i])) return false;
        for (var i = 0; i < n; i++) Push(byteIds[i]);
        return true;
    }

    private void Push(int id)
    {
        if (_count == _symbols.Length) Array.Resize(ref _symbols, _count * 2);
        _symbols[_count] = new Symbol { Id = id, Prev = _count - 1, Next = _count + 1, Alive = true };
        _count++;
    }

    private void MergeAll()
    {
        if (_count < 2) return;
        _symbols[_count - 1].Next = -1;
        _queue.Clear();
        for (var i = 0; i + 1 < _count; i++) Enqueue(i);
        while (_queue.TryDequeue(out var top, out _))
        {
            ref var left = ref _symbols[top.Pos];
            if (!left.Alive || left.Next < 0) continue;
            ref var right = ref _symbols[left.Next];
            // A stale candidate: one side has changed since it was queued.
            if (!model.TryGetMerge(left.Id, right.Id, out _, out var newId) || newId != top.NewId) continue;
            left.Id = newId;
            right.Alive = false;
            left.Next = right.Next;
            if (right.Next >= 0) _symbols[right.Next].Prev = top.Pos;
            if (left.Prev >= 0) Enqueue(left.Prev);
            Enqueue(top.Pos);
        }
    }

    private void Enqueue(int pos)
    {
        var next = _symbols[pos].Next;
        if (next < 0) return;
        if (model.TryGetMerge(_symbols[pos].Id, _symbols[next].Id, out var rank, out var newId))
            _queue.Enqueue(new Candidate(pos, newId), ((long)rank << 32) | (uint)pos);
    }
}
