using VocabTrim.Common;

namespace VocabTrim.Inference;

/// <summary>
/// A run the loaded model cannot do as asked: a device this build or machine lacks, ids outside the
/// vocabulary, an empty input, or prompts and new tokens that need more memory than the machine has.
/// </summary>
public sealed class InferenceRequestException(string message) : UserInputException(message);
