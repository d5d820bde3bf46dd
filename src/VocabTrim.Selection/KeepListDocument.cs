using VocabTrim.Counting;

namespace VocabTrim.Selection;

/// <summary>The layout of a keep.json written by vocabtrim select.</summary>
internal sealed record KeepListDocument(
    string Format,
    int Version,
    TokenizerInfo Tokenizer,
    SelectionRule Rule,
    SelectionTotals Totals,
    IReadOnlyList<LanguageCoverage> Languages,
    IReadOnlyList<int> Kept,
    IReadOnlyList<KeptPiece> Pieces)
{
    /// <summary>Absent in keep lists written before notes existed.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public const string FormatName = "vocabtrim-keep";
    public const int CurrentVersion = 1;
}
