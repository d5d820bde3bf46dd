namespace VocabTrim.Reporting;

/// <summary>One top-level value of a card's front matter, in the small YAML subset vocabtrim reads.</summary>
/// <param name="Scalar">The value of <c>key: value</c>; null for lists and nested values.</param>
/// <param name="Items">The items of <c>key: [a, b]</c> or a block of <c>- a</c> lines; null otherwise.</param>
/// <param name="Raw">For nested maps, lists of maps and block scalars: the lines as written (not interpreted).</param>
public sealed record FrontMatterValue(string? Scalar, IReadOnlyList<string>? Items, string? Raw)
{
    public bool IsNested => Raw != null;

    /// <summary>The value as a list: a list's items, a scalar as one item, nothing for nested values.</summary>
    public IReadOnlyList<string> AsList() => Items ?? (Scalar is { Length: > 0 } s ? [s] : []);
}
