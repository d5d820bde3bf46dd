using System.Diagnostics;
using VocabTrim.Checkpoints;

namespace VocabTrim.Surgery;

/// <summary>
/// A vocabulary matrix <c>[vocab, hidden]</c> cut to the kept rows, in keep-list order, then zero rows up to
/// <paramref name="rowCount"/>: <c>[rowCount, hidden]</c>. Streams in bounded chunks, never the whole matrix.
/// </summary>
public sealed class VocabularyRowsTensorSource(ICheckpoint checkpoint, string name, IReadOnlyList<long> rows, long rowCount, string outputName)
    : ITensorSource
{
    private readonly SelectedRowsTensorSource _kept = new(checkpoint, name, rows, outputName);

    public TensorInfo Info { get; } = checkpoint.Info(name) is var info
        ? new TensorInfo(outputName, info.Dtype, info.Shape.WithRows(rowCount))
        : throw new UnreachableException();

    public void WriteTo(Stream destination)
    {
        _kept.WriteTo(destination);
        ZeroFill.Write(destination, Info.ByteLength - _kept.Info.ByteLength);
    }
}
