namespace VocabTrim.Inference.Generation;

/// <summary>
/// Per input sequence: the generated ids (ending with eos when it was produced) and, when asked for, the
/// logits each of those ids was chosen from (<c>StepLogits[i][k]</c> produced <c>Tokens[i][k]</c>) and the head
/// inputs those logits came from (<c>HeadInputs[i][k]</c>, d_model floats).
/// </summary>
public sealed record GenerationResult(IReadOnlyList<long[]> Tokens, IReadOnlyList<IReadOnlyList<float[]>> StepLogits,
    IReadOnlyList<IReadOnlyList<float[]>>? HeadInputs = null);
