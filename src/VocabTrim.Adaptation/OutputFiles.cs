namespace VocabTrim.Adaptation;

/// <summary>Names of the files an adaptation adds to the trimmed model folder.</summary>
public static class OutputFiles
{
    public const string KeepList = "keep.json";
    public const string Counts = "counts";
    public const string Validation = "validation.json";
    public const string Recipe = "recipe.json";
    public const string Card = "README.md";
}
