using VocabTrim.Inference.Families;
using VocabTrim.Surgery;

namespace VocabTrim.Reporting;

public sealed record ReportTensor(
    string Name, string OutputName, TensorRole Role, TensorGroup Group, TensorAction Action, string? Reason);

