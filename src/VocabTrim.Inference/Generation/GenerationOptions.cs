namespace VocabTrim.Inference.Generation;

/// <summary>
/// Greedy generation settings. <see cref="KeepStepLogits"/> copies every step's full logits vector to the
/// host (for <c>--logits-out</c> and for comparing with other implementations); it costs vocab floats per step.
/// </summary>
public sealed record GenerationOptions(int MaxNewTokens, bool StopAtEos = true, bool KeepStepLogits = false);
