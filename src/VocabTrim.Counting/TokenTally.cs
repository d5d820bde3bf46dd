using VocabTrim.Tokenizers;

namespace VocabTrim.Counting;

/// <summary>
/// What counting one corpus produced: how often each piece id occurred, and totals.
/// Unknown and byte-fallback totals are read off the counts of those pieces' kinds.
/// </summary>
public sealed class TokenTally
{
    /// <summary>Occurrences per piece id; length = the tokenizer's piece count.</summary>
    public long[] Counts { get; }

    public long Sentences { get; }

    public long Tokens { get; }

    public long UnknownTokens { get; }

    public long ByteFallbackTokens { get; }

    /// <summary>How many distinct pieces occurred at least once.</summary>
    public int PiecesSeen { get; }

    public TokenTally(long[] counts, long sentences, ITokenizer tokenizer)
    {
        if (counts.Length != tokenizer.PieceCount)
            throw new ArgumentException($"{counts.Length} counts for a tokenizer of {tokenizer.PieceCount} pieces", nameof(counts));
        Counts = counts;
        Sentences = sentences;
        for (var id = 0; id < counts.Length; id++)
        {
            var c = counts[id];
            if (c == 0) continue;
            Tokens += c;
            PiecesSeen++;
            switch (tokenizer.KindOf(id))
            {
                case PieceKind.Unknown: UnknownTokens += c; break;
                case PieceKind.Byte: ByteFallbackTokens += c; break;
            }
        }
    }
}
