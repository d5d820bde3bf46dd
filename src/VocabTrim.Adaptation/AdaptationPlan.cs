using VocabTrim.Common;
using VocabTrim.Counting;
using VocabTrim.Selection;
using VocabTrim.Surgery;

namespace VocabTrim.Adaptation;

/// <summary>
/// Everything <see cref="Adaptation.Run"/> needs, with every name already resolved to a local file: the model folder,
/// the languages and their corpora, the selection, trimming and validation settings, and where to write. Made from a
/// recipe by <see cref="Adaptation.PlanAsync"/>, or by hand.
/// </summary>
public sealed record AdaptationPlan
{
    /// <summary>A Hugging Face model folder (mT5/mT0 or BLOOM/BLOOMZ) holding its tokenizer.</summary>
    public required string ModelFolder { get; init; }

    public required IReadOnlyList<LanguagePlan> Languages { get; init; }

    /// <summary>Also keep the K most frequent pieces over all languages together.</summary>
    public int Overall { get; init; }

    /// <summary>Which special pieces to keep beyond those always kept (mT5 sentinels: all by default).</summary>
    public SpecialTokenPolicy SpecialTokens { get; init; } = SpecialTokenPolicy.All;

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

    /// <summary>
    /// The recipe as it resolved (model revision pinned to the commit, each language's corpus filled in): written into
    /// the folder as <c>recipe.json</c>, with the model card and report. Null (a plan made by hand): none of the three.
    /// </summary>
    public Recipes.Recipe? Recipe { get; init; }

    /// <summary>
    /// Where the model came from (a folder, the Hugging Face cache or a download); set with <see cref="Recipe"/>.
    /// </summary>
    public Hub.ResolvedModel? Model { get; init; }

    /// <summary>
    /// Model files already hashed while planning (checked against the recipe); trimming records them as they are.
    /// </summary>
    public IReadOnlyDictionary<string, FileDigest>? ModelDigests { get; init; }
}
