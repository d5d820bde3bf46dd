using System.Globalization;

namespace VocabTrim.Recipes;

/// <summary>
/// Which of mT5's sentinel pieces (<c>&lt;extra_id_0&gt;</c>..<c>&lt;extra_id_99&gt;</c>) to keep: all, none, or the
/// first <see cref="Count"/>. Models without sentinels (BLOOM) ignore it.
/// </summary>
public sealed record SentinelPolicy
{
    private SentinelPolicy(int? count) => Count = count;

    public static SentinelPolicy All { get; } = new((int?)null);

    public static SentinelPolicy None { get; } = new(0);

    /// <summary>Keep <c>&lt;extra_id_0&gt;</c>..<c>&lt;extra_id_{n-1}&gt;</c>; 0 is <see cref="None"/>.</summary>
    public static SentinelPolicy First(int n) =>
        n >= 0 ? new SentinelPolicy(n) : throw new ArgumentOutOfRangeException(nameof(n), n, "cannot keep fewer than 0 sentinels");

    /// <summary>How many to keep, from <c>&lt;extra_id_0&gt;</c> on; null keeps every one the model has.</summary>
    public int? Count { get; }

    public bool KeepsAll => Count == null;

    /// <summary>Parses <c>all</c>, <c>none</c> or a whole number, as the recipe and <c>--sentinels</c> write it.</summary>
    public static bool TryParse(string text, out SentinelPolicy policy)
    {
        policy = All;
        switch (text.Trim().ToLowerInvariant())
        {
            case "all": return true;
            case "none": policy = None; return true;
        }
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        policy = First(n);
        return true;
    }

    /// <summary><c>all</c>, <c>none</c> or the number.</summary>
    public override string ToString() => Count switch
    {
        null => "all",
        0 => "none",
        var n => n.Value.ToString(CultureInfo.InvariantCulture),
    };
}
