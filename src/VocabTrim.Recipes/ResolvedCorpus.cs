namespace VocabTrim.Recipes;

/// <summary>One counted corpus of a run: the file or folder read and its sha256.</summary>
public sealed record ResolvedCorpus(RecipeReference Path, string Sha256);
