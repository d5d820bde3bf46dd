namespace VocabTrim.Checkpoints.Safetensors;

/// <summary>One tensor of a safetensors header: its description and where its bytes lie in the data section.</summary>
internal sealed record SafetensorsEntry(TensorInfo Info, long Begin, long End);
