namespace VocabTrim.Inference.Generation;

/// <summary>The ids that end a generated sequence, read as transformers' generate reads them.</summary>
public static class EosTokenIds
{
    /// <summary>
    /// generation_config.json's <c>eos_token_id</c> (one id or a list) when the folder has it, else config.json's
    /// (all of a list, not just the first), else <paramref name="eos"/>, the family's default.
    /// </summary>
    public static IReadOnlyList<long> Of(ModelConfigJson config, ModelConfigJson? generation, long eos) =>
        generation?.TokenIds("eos_token_id") ?? config.TokenIds("eos_token_id") ?? [eos];
}
