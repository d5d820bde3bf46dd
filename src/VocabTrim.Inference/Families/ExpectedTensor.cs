namespace VocabTrim.Inference.Families;

/// <summary>
/// A tensor a config implies: its name, its shape and the settings that decide the shape (for messages).
/// </summary>
public sealed record ExpectedTensor(string Name, long[] Shape, string Why);
