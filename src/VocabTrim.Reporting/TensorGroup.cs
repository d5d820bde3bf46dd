namespace VocabTrim.Reporting;

/// <summary>The parts of a model the report compares before and after trimming.</summary>
public enum TensorGroup
{
    /// <summary>The input embedding and any stored alias of it.</summary>
    Embedding,

    /// <summary>The output projection and per-token biases.</summary>
    LmHead,

    /// <summary>Every tensor that does not depend on the vocabulary.</summary>
    Rest,
}
