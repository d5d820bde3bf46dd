using VocabTrim.Checkpoints;

namespace VocabTrim.Surgery;

/// <summary>
/// A vocabulary matrix <c>[vocab, hidden]</c> cut to the kept rows, in keep-list order, then zero rows up to
/// <c>rowCount</c>: <c>[rowCount, hidden]</c>. Streams in bounded chunks, never the whole matrix.
/// </summary>
public sealed class VocabularyRowsTensorSource : ITensorSource
{
    private readonly SelectedRowsTensorSource _kept;

    public VocabularyRowsTensorSource(ICheckpoint checkpoint, string name, IReadOnlyList<long> rows, long rowCount,
        string outputName)
    {
        if (rowCount < rows.Count)
            throw new ArgumentOutOfRangeException(nameof(rowCount),
                $"{rowCount} rows cannot hold the {rows.Count} kept ones");
        _kept = new SelectedRowsTensorSource(checkpoint, name, rows, outputName);
        Info = _kept.Info with { Shape = _kept.Info.Shape.WithRows(rowCount) };
    }

    public TensorInfo Info { get; }

    public void WriteTo(Stream destination)
    {
        _kept.WriteTo(destination);
        ZeroFill.Write(destination, Info.ByteLength - _kept.Info.ByteLength);
    }
}
