using VocabTrim.Selection;

namespace VocabTrim.Reporting;

/// <param name="TrimmedKept">
/// Pieces the trimmed tokenizer kept: more than selected when a BPE tokenizer needed merge parts.
/// </param>
public sealed record ReportSelection(
    string Composition,
    string TokenizerSha256,
    int Overall,
    SelectionTotals Totals,
    int TrimmedKept,
    SelectionOverlap Overlap,
    IReadOnlyList<string> Shortfalls);
