namespace VocabTrim.Tokenizers;

/// <summary>
/// A loaded tokenizer: its vocabulary and an exact encoder. Implementations are immutable and
/// thread-safe; per-thread state (caches) lives in the <see cref="ISentenceEncoder"/> they create.
/// </summary>
public interface ITokenizer
{
    /// <summary>Short name of the tokenizer family, e.g. <c>sentencepiece-unigram</c>.</summary>
    string Family { get; }

    /// <summary>Number of vocabulary entries; ids run from 0 to <c>PieceCount - 1</c>.</summary>
    int PieceCount { get; }

    string PieceAt(int id);

    PieceKind KindOf(int id);

    /// <summary>Encodes one piece of text exactly as the reference implementation does (no eos/bos added).</summary>
    int[] Encode(string text);

    string Decode(IEnumerable<int> ids);

    /// <summary>A fast encoder for one thread. Not thread-safe; create one per worker.</summary>
    ISentenceEncoder CreateEncoder();
}

/// <summary>Encodes UTF-8 sentences on one thread, possibly with caches.</summary>
public interface ISentenceEncoder
{
    /// <summary>
    /// Appends the ids of <paramref name="utf8"/> to <paramref name="ids"/>. The input must be valid UTF-8.
    /// </summary>
    void Encode(ReadOnlySpan<byte> utf8, List<int> ids);
}
