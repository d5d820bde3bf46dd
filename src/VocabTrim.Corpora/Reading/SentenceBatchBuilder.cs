namespace VocabTrim.Corpora.Reading;

/// <summary>
/// Collects sentences in scratch space that is reused from batch to batch, then copies them into
/// exactly sized arrays that the finished batch owns.
/// </summary>
internal sealed class SentenceBatchBuilder(int maxSentences)
{
    // Keeps memory bounded when plain-text lines are long (whole paragraphs or documents).
    public const int MaxBatchBytes = 16 * 1024 * 1024;

    // Sized for typical sentences and grown on demand, so a generous maximum costs nothing up front.
    private byte[] _text = new byte[Math.Min(128L * maxSentences, MaxBatchBytes)];
    private int[] _starts = new int[Math.Min(maxSentences, 4096) + 1];
    private long[] _lineNumbers = new long[Math.Min(maxSentences, 4096)];
    private int _count;

    public int Count => _count;

    /// <summary>Whether <paramref name="sentenceBytes"/> more bytes would not fit this batch.</summary>
    public bool IsFullFor(int sentenceBytes) =>
        _count == maxSentences || (_count > 0 && (long)_starts[_count] + sentenceBytes > MaxBatchBytes);

    public void Add(ReadOnlySpan<byte> sentence, long lineNumber)
    {
        var start = _starts[_count];
        var end = start + sentence.Length;
        if (end > _text.Length)
            Array.Resize(ref _text, (int)Math.Min(Math.Max((long)_text.Length * 2, end), Array.MaxLength));
        sentence.CopyTo(_text.AsSpan(start));
        if (_count == _lineNumbers.Length)
        {
            var capacity = (int)Math.Min(2L * _count, maxSentences);
            Array.Resize(ref _lineNumbers, capacity);
            Array.Resize(ref _starts, capacity + 1);
        }
        _lineNumbers[_count] = lineNumber;
        _count++;
        _starts[_count] = end;
    }

    public SentenceBatch Build()
    {
        var batch = new SentenceBatch(
            _text.AsSpan(0, _starts[_count]).ToArray(),
            _starts.AsSpan(0, _count + 1).ToArray(),
            _lineNumbers.AsSpan(0, _count).ToArray());
        _count = 0;
        return batch;
    }
}
