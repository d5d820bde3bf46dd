using VocabTrim.Checkpoints;

namespace VocabTrim.Surgery;

/// <summary>
/// A <c>[1, vocab]</c> bias (<c>final_logits_bias</c>) cut along its last dimension to the kept ids, then zeros:
/// <c>[1, columnCount]</c>. Small enough (vocab elements) to gather in memory.
/// </summary>
public sealed class VocabularyBiasTensorSource : ITensorSource
{
    private readonly byte[] _data;

    public VocabularyBiasTensorSource(ICheckpoint checkpoint, string name, IReadOnlyList<long> columns,
        long columnCount, string outputName)
    {
        var info = checkpoint.Info(name);
        var size = info.Dtype.ElementSize;
        var original = checkpoint.ReadTensor(name);
        _data = new byte[checked(columnCount * size)];
        for (var i = 0; i < columns.Count; i++)
            original.AsSpan((int)(columns[i] * size), size).CopyTo(_data.AsSpan(i * size));
        Info = new TensorInfo(outputName, info.Dtype, new TensorShape(1, columnCount));
    }

    public TensorInfo Info { get; }

    public void WriteTo(Stream destination) => destination.Write(_data);
}
