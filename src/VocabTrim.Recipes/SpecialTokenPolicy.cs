namespace VocabTrim.Recipes;

/// <summary>Which special pieces to keep beyond those always kept (control, unknown, byte pieces): recipe field <c>specialTokens</c>.</summary>
public sealed record SpecialTokenPolicy(SentinelPolicy Sentinels)
{
    public static SpecialTokenPolicy Default { get; } = new(SentinelPolicy.All);
}
