namespace VocabTrim.Reporting;

public sealed record ReportSizes(
    long ParametersBefore,
    long ParametersAfter,
    long BytesBefore,
    long BytesAfter,
    long RowsBefore,
    long RowsAfter,
    long PaddingRowsAdded,
    IReadOnlyList<GroupSize> Groups,
    IReadOnlyList<ReportTensor> Tensors,
    IReadOnlyList<string> WeightFiles,
    IReadOnlyList<string> Notes);
