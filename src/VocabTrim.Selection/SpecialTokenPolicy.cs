using System.Globalization;
using System.Text.Json.Serialization;

namespace VocabTrim.Selection;

/// <summary>
/// Which special pieces to keep. Every special piece is kept (pad, eos and unk are required; the byte pieces are
/// what byte fallback needs) except mT5's sentinels <c>&lt;extra_id_K&gt;</c>, which only span-corruption
/// pre-training uses: all of them, none, or the <see cref="Sentinels"/> lowest-numbered
/// <c>&lt;extra_id_0&gt;</c>..<c>&lt;extra_id_{N-1}&gt;</c>.
/// </summary>
[JsonConverter(typeof(SpecialTokenPolicyJsonConverter))]
public sealed record SpecialTokenPolicy
{
    private SpecialTokenPolicy(int? sentinels) => Sentinels = sentinels;

    /// <summary>Keep every sentinel (what selection always did).</summary>
    public static SpecialTokenPolicy All { get; } = new((int?)null);

    /// <summary>Drop every sentinel.</summary>
    public static SpecialTokenPolicy None { get; } = new(0);

    /// <summary>How many sentinels to keep, lowest-numbered first; null: all.</summary>
    public int? Sentinels { get; }

    /// <summary>Keep <c>&lt;extra_id_0&gt;</c>..<c>&lt;extra_id_{n-1}&gt;</c>.</summary>
    public static SpecialTokenPolicy KeepSentinels(int n) => n switch
    {
        < 0 => throw new SelectionException($"the number of sentinels to keep must not be negative ({n})"),
        0 => None,
        _ => new SpecialTokenPolicy(n),
    };

    public bool KeepsAllSentinels => Sentinels == null;

    /// <summary>Whether the sentinel <c>&lt;extra_id_<paramref name="number"/>&gt;</c> is kept.</summary>
    public bool KeepsSentinel(int number) => Sentinels is not { } n || number < n;

    /// <summary>Reads what users type: <c>all</c>, <c>none</c> or a whole number N.</summary>
    public static SpecialTokenPolicy ParseSentinels(string text) => TryParseSentinels(text, out var policy) ? policy
        : throw new SelectionException($"sentinels '{text}': expected all, none or a whole number N (keep " +
            "<extra_id_0>..<extra_id_N-1>)");

    /// <summary>As <see cref="ParseSentinels"/>; false for any other text.</summary>
    public static bool TryParseSentinels(string text, out SpecialTokenPolicy policy)
    {
        var t = text.Trim();
        policy = All;
        if (t.Equals("all", StringComparison.OrdinalIgnoreCase)) return true;
        if (t.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            policy = None;
            return true;
        }
        if (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        policy = KeepSentinels(n);
        return true;
    }

    /// <summary>
    /// The sentinel number of <paramref name="piece"/> (<c>&lt;extra_id_K&gt;</c>, with or without SentencePiece's
    /// leading ▁); null for any other text.
    /// </summary>
    public static int? SentinelNumber(string piece)
    {
        const string Prefix = "<extra_id_";
        var text = piece.AsSpan();
        if (text.StartsWith("\u2581", StringComparison.Ordinal)) text = text[1..];
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || !text.EndsWith(">", StringComparison.Ordinal))
            return null;
        var digits = text[Prefix.Length..^1];
        // One spelling per number: "<extra_id_07>" is some other token.
        if (digits.Length == 0 || digits.Length > 1 && digits[0] == '0') return null;
        foreach (var c in digits) if (c is < '0' or > '9') return null;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : null;
    }

    /// <summary>As the recipe and <c>--sentinels</c> spell it: all, none or N.</summary>
    public string SentinelsText => Sentinels switch
    {
        null => "all",
        0 => "none",
        { } n => n.ToString(CultureInfo.InvariantCulture),
    };

    public override string ToString() => $"sentinels {SentinelsText}";
}
