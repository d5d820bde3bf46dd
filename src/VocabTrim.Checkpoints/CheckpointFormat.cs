namespace VocabTrim.Checkpoints;

/// <summary>The file format tensors are stored in (a sharded checkpoint reports the format of its shards).</summary>
public enum CheckpointFormat
{
    /// <summary><c>model.safetensors</c>: a JSON header and raw little-endian data.</summary>
    Safetensors,

    /// <summary><c>pytorch_model.bin</c>: a <c>torch.save</c> zip archive holding a pickle and storage files.</summary>
    PyTorchPickle,
}
