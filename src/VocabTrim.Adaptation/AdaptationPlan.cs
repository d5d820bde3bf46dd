using VocabTrim.Counting;
using VocabTrim.Surgery;

namespace VocabTrim.Adaptation;

/// <summary>
/// Everything <see cref="Adapter"/> needs, with every name already resolved to a local file: the model folder,
/// the languages and their corpora, the selection, trimming and validation settings, and where to write.
/// </summary>
public sealed record AdaptationPlan
{
    /// <summary>A Hugging Face model folder (mT5/mT0 or BLOOM/BLOOMZ) holding its tokenizer.</summary>
    public required string ModelFolder { get; init; }

    public required IReadOnlyList<LanguagePlan> Languages { get; init; }

    /// <summary>Also keep the K most frequent pieces over all languages together.</summary>
    public int Overall { get; init; }

    public ModelTrimOptions Trim { get; init; } = new();

    /// <summary>Null: no validation (said so in the card and report).</summary>
    public ValidationPlan? Validation { get; init; }

    /// <summary>The folder to create; it appears only once complete.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Replace an existing output folder (atomically, once the new one is complete).</summary>
    public bool Overwrite { get; init; }

    /// <summary>Where counts are kept between runs; null: always count.</summary>
    public CountsCache? CountsCache { get; init; }

    /// <summary>Counting threads; 0: all cores.</summary>
    public int Threads { get; init; }
}
