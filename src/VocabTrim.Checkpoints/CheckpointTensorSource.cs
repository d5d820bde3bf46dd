namespace VocabTrim.Checkpoints;

/// <summary>A tensor copied unchanged from a checkpoint, optionally under another name.</summary>
public sealed class CheckpointTensorSource(ICheckpoint checkpoint, string name, string? newName = null) : ITensorSource
{
    public TensorInfo Info { get; } = checkpoint.Info(name) with { Name = newName ?? name };

    public void WriteTo(Stream destination) => checkpoint.CopyTensorTo(name, destination);
}
