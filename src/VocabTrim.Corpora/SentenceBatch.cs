using System.Text;

namespace VocabTrim.Corpora;

/// <summary>
/// A run of consecutive sentences as UTF-8 in one buffer that belongs to this batch alone, so it can be
/// handed to another thread while reading goes on.
/// </summary>
public sealed class SentenceBatch
{
    // Sentences are stored back to back, so sentence i spans [_starts[i], _starts[i + 1]).
    private readonly int[] _starts;
    private readonly long[] _lineNumbers;

    internal SentenceBatch(byte[] buffer, int[] starts, long[] lineNumbers)
    {
        Buffer = buffer;
        _starts = starts;
        _lineNumbers = lineNumbers;
    }

    /// <summary>Builds a batch from strings, e.g. to feed code that consumes batches in a test.</summary>
    public static SentenceBatch FromSentences(IEnumerable<string> sentences, long firstLineNumber = 1)
    {
        var encoded = sentences.Select(Encoding.UTF8.GetBytes).ToArray();
        var buffer = new byte[encoded.Sum(e => e.Length)];
        var starts = new int[encoded.Length + 1];
        var lines = new long[encoded.Length];
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i].CopyTo(buffer, starts[i]);
            starts[i + 1] = starts[i] + encoded[i].Length;
            lines[i] = firstLineNumber + i;
        }
        return new SentenceBatch(buffer, starts, lines);
    }

    /// <summary>The UTF-8 text of all sentences; use <see cref="RangeOf"/> to find one.</summary>
    public byte[] Buffer { get; }

    public int Count => _lineNumbers.Length;

    /// <summary>The 1-based line number of the first sentence in the sentence file.</summary>
    public long FirstLineNumber => Count == 0 ? 0 : _lineNumbers[0];

    /// <summary>Bytes of sentence text in <see cref="Buffer"/>.</summary>
    public int ByteCount => _starts[Count];

    /// <summary>The UTF-8 text of sentence <paramref name="index"/>, without id and line ending.</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            var (offset, length) = RangeOf(index);
            return Buffer.AsSpan(offset, length);
        }
    }

    public (int Offset, int Length) RangeOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return (_starts[index], _starts[index + 1] - _starts[index]);
    }

    /// <summary>
    /// The 1-based line number of sentence <paramref name="index"/>; lines can be skipped between sentences.
    /// </summary>
    public long LineNumberOf(int index) => _lineNumbers[index];

    public string GetString(int index) => Encoding.UTF8.GetString(this[index]);
}
