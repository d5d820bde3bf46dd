namespace VocabTrim.Reporting;

/// <summary>
/// How transformers loads a model of one <c>model_type</c>: the auto class and the Hub's pipeline tag.
/// </summary>
public sealed record ModelUsage(string AutoClass, string PipelineTag, bool IsEncoderDecoder)
{
    public static ModelUsage For(string modelType) => modelType switch
    {
        "t5" or "mt5" => new ModelUsage("AutoModelForSeq2SeqLM", "text2text-generation", true),
        "bloom" or "llama" or "qwen2" => new ModelUsage("AutoModelForCausalLM", "text-generation", false),
        _ => new ModelUsage("AutoModel", "feature-extraction", false),
    };
}
