namespace VocabTrim.Reporting;

/// <summary>
/// Parameters and weight bytes (tensor data, without file headers) of one tensor group before and after trimming.
/// </summary>
public sealed record GroupSize(
    TensorGroup Group, long ParametersBefore, long ParametersAfter, long BytesBefore, long BytesAfter);

