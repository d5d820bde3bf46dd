namespace VocabTrim.Checkpoints;

/// <summary>
/// A model's tensors, whatever the files they are stored in (see <see cref="Checkpoint.Open"/>). Data is read
/// on demand, by byte range, so that a multi-gigabyte checkpoint is never loaded whole; the row-oriented
/// helpers in <see cref="CheckpointReads"/> build on <see cref="ReadBytes"/>. Reads may run on several
/// threads at once; disposing while reading is not allowed.
/// </summary>
public interface ICheckpoint : IDisposable
{
    /// <summary>The file or index the checkpoint was opened from.</summary>
    string Location { get; }

    CheckpointFormat Format { get; }

    /// <summary>Every tensor, in the order the files list them.</summary>
    IReadOnlyDictionary<string, TensorInfo> Tensors { get; }

    /// <summary>
    /// Groups of names that are one tensor stored once (tied weights: same storage, offset, dtype and shape),
    /// each group in file order. Safetensors files cannot express this, so only pickles have groups.
    /// </summary>
    IReadOnlyList<IReadOnlyList<string>> SharedTensors { get; }

    /// <summary>
    /// Copies <c>destination.Length</c> bytes of the tensor's data, starting <paramref name="offset"/> bytes in.
    /// </summary>
    void ReadBytes(string name, long offset, Span<byte> destination);
}
