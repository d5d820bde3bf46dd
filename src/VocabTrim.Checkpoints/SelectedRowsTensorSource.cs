namespace VocabTrim.Checkpoints;

/// <summary>
/// Some rows of a checkpoint tensor, in the given order: an embedding or LM head cut down to the kept
/// tokens. The tensor <c>[vocab, d_model]</c> becomes <c>[rows.Count, d_model]</c>; new row i is old row
/// <c>rows[i]</c>.
/// </summary>
public sealed class SelectedRowsTensorSource : ITensorSource
{
    private readonly ICheckpoint _checkpoint;
    private readonly string _name;
    private readonly long[] _rows;

    public SelectedRowsTensorSource(ICheckpoint checkpoint, string name, IEnumerable<long> rows, string? newName = null)
    {
        _checkpoint = checkpoint;
        _name = name;
        _rows = rows.ToArray();
        var info = checkpoint.Info(name);
        // Checked now rather than halfway through writing a file.
        CheckpointReads.CheckRows(info, _rows);
        Info = new TensorInfo(newName ?? name, info.Dtype, info.Shape.WithRows(_rows.Length));
    }

    public TensorInfo Info { get; }

    public void WriteTo(Stream destination) => _checkpoint.CopyRowsTo(_name, _rows, destination);
}
