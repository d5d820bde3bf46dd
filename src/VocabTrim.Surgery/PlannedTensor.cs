using VocabTrim.Inference.Families;

namespace VocabTrim.Surgery;

/// <summary>One checkpoint tensor and what trimming does with it.</summary>
/// <param name="OutputName">
/// The name it is written under (differs when an alias stands in for a missing <c>shared.weight</c>).
/// </param>
/// <param name="Reason">Why it is dropped or renamed; null otherwise.</param>
public sealed record PlannedTensor(string Name, string OutputName, TensorRole Role, TensorAction Action,
    string? Reason = null);
