using System.Globalization;

namespace VocabTrim.Inference.Weights;

/// <summary>
/// A checkpoint name built one module at a time, as transformers nests modules (<c>model</c> → <c>layers</c> →
/// <c>3</c> → <c>self_attn</c> → <c>q_proj</c> → <c>weight</c>), so that a family's loader and its shape list
/// spell each name once, from the same parts.
/// </summary>
public readonly record struct WeightPrefix(string Path)
{
    /// <summary>No prefix: the names of a bare model (BLOOM's original files) or the top of a checkpoint.</summary>
    public static WeightPrefix Root { get; } = new("");

    /// <summary>
    /// The module <paramref name="name"/> inside this one (several dotted parts at once are allowed).
    /// </summary>
    public WeightPrefix Pp(string name) => new(Path.Length == 0 ? name : $"{Path}.{name}");

    /// <summary>Item <paramref name="index"/> of a module list such as <c>layers</c> or <c>block</c>.</summary>
    public WeightPrefix Pp(int index) => Pp(index.ToString(CultureInfo.InvariantCulture));

    /// <summary>This module's <c>weight</c>.</summary>
    public string Weight => Pp("weight").Path;

    /// <summary>This module's <c>bias</c>.</summary>
    public string Bias => Pp("bias").Path;

    public override string ToString() => Path;
}
