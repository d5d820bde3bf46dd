using VocabTrim.Common;

namespace VocabTrim.Trimming;

/// <summary>A keep list that cannot be applied to a model (wrong tokenizer, drops a piece the model cannot do without, …).</summary>
public sealed class TrimException(string message) : UserInputException(message);
