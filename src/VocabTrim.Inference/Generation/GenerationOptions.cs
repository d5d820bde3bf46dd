namespace VocabTrim.Inference.Generation;

/// <summary>
/// Greedy generation settings. <see cref="KeepStepLogits"/> copies every step's full logits vector to the
/// host (for <c>--logits-out</c> and for comparing with other implementations); it costs vocab floats per step.
/// <see cref="KeepHeadInputs"/> copies what the LM head multiplied at each step
/// (<see cref="IDecodingState.HeadInput"/>), as float32, so that another head can be applied to the same hidden states.
/// </summary>
public sealed record GenerationOptions(int MaxNewTokens, bool StopAtEos = true, bool KeepStepLogits = false,
    bool KeepHeadInputs = false);
