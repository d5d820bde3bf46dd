namespace VocabTrim.Corpora.Reading;

/// <summary>
/// Splits a stream into LF-terminated lines handed out as spans over one reused buffer, so that no
/// per-line allocation happens; a span is valid until the next call.
/// </summary>
internal sealed class LineReader(Stream stream, string input, int initialBufferSize = LineReader.DefaultBufferSize)
{
    public const int DefaultBufferSize = 256 * 1024;

    // A sentence file with a line this long is not one sentence per line (or not text: /dev/zero, a binary);
    // stopping here fails in milliseconds instead of reading gigabytes into one line.
    public const int MaxLineBytes = 4 * 1024 * 1024;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private byte[] _buffer = new byte[initialBufferSize];
    private int _start;
    private int _end;
    // Bytes after _start already known to hold no LF, so a refill does not rescan them.
    private int _scanned;
    private bool _endOfStream;

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes consumed so far, line endings included.</summary>
    public long BytesConsumed { get; private set; }

    /// <summary>The next line without its LF (a CR before it is kept), or false at the end of the stream.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var lf = pending[_scanned..].IndexOf((byte)'\n');
            if (lf >= 0)
            {
                var length = _scanned + lf;
                line = pending[..length];
                Advance(length + 1);
                line = WithoutBom(line);
                return true;
            }
            _scanned = pending.Length;
            if (_endOfStream)
            {
                // A last line without LF is still a line.
                line = pending;
                if (pending.IsEmpty) return false;
                Advance(pending.Length);
                line = WithoutBom(line);
                return true;
            }
            Fill();
        }
    }

    // Editors on Windows put a BOM before the first line; it is not part of the text.
    private ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> line) =>
        LineNumber == 1 && line.StartsWith(Utf8Bom) ? line[Utf8Bom.Length..] : line;

    private void Advance(int consumed)
    {
        _start += consumed;
        _scanned = 0;
        BytesConsumed += consumed;
        LineNumber++;
    }

    private void Fill()
    {
        var pending = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _start = 0;
            _end = pending;
        }
        else if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxLineBytes)
                throw new CorpusFormatException(input, LineNumber + 1,
                    $"expected a line ending within {MaxLineBytes / (1024 * 1024)} MiB, found a longer line (is this "
                    + "a text file?)");
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxLineBytes));
        }

        int read;
        try
        {
            read = stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            // Only archives raise these: the decompressor or the entry-length check.
            throw new CorpusFormatException(
                input, LineNumber + 1, $"the archive is truncated or corrupt: {e.Message}", e);
        }
        if (read == 0) _endOfStream = true;
        _end += read;
    }
}
