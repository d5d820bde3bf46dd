namespace VocabTrim.Selection;

/// <summary>
/// The ids to keep, in their new order (new id i = old id <c>Ids[i]</c>; not necessarily ascending), as
/// later stages take them from any source.
/// </summary>
/// <param name="TokenizerSha256">The tokenizer the ids refer to, when the list says so.</param>
/// <param name="Selection">The full selection report when the list was made by vocabtrim select.</param>
public sealed record KeepList(IReadOnlyList<int> Ids, string? TokenizerSha256, KeptVocabulary? Selection = null);
