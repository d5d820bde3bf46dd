namespace VocabTrim.Recipes;

/// <summary>
/// The <c>resolved</c> object of the recipe.json in an output folder: what the recipe's names resolved to
/// in that run, with hashes, so that a re-run can use and check the same inputs.
/// </summary>
/// <param name="Corpora">Per language (normalized code): the corpus that was counted.</param>
/// <param name="KeepSha256">The sha256 of the run's keep.json.</param>
public sealed record ResolvedInputs(string VocabtrimVersion, RecordedModel Model, EquatableMap<ResolvedCorpus> Corpora,
    string KeepSha256);
