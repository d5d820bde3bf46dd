namespace VocabTrim.Synthetic;

/// <summary>
/// How one tensor's values are drawn: normal(<see cref="Center"/>, <see cref="Spread"/>) or uniform in Center ± Spread.
/// </summary>
public sealed record TensorInit(TensorInitKind Kind, double Center, double Spread)
{
    public static TensorInit Normal(double std) => new(TensorInitKind.Normal, 0, std);

    public static TensorInit Uniform(double center, double halfWidth) => new(TensorInitKind.Uniform, center, halfWidth);

    /// <summary>The uniform distribution with the same mean and standard deviation (half-width = std·√3).</summary>
    public TensorInit AsUniform() => Kind == TensorInitKind.Uniform ? this : Uniform(Center, Spread * Math.Sqrt(3));
}
