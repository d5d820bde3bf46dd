using System.Globalization;
using System.Text.RegularExpressions;

namespace VocabTrim.Checkpoints.Sharding;

/// <summary>
/// Sizes as transformers' <c>max_shard_size</c> takes them: "5GB" (decimal), "500MiB" (binary), or bytes.
/// </summary>
public static partial class ByteSize
{
    /// <exception cref="FormatException">Not a size; the message says how to write one.</exception>
    public static long Parse(string text) => Read(text).Bytes;

    /// <summary>
    /// The size as a recipe stores it (recipes.schema.json's maxShardSize): the number as given and the unit
    /// spelled as transformers spells it, so "5gb" or "2 gib" from a command line becomes "5GB" or "2GiB".
    /// </summary>
    /// <exception cref="FormatException">Not a size; the message says how to write one.</exception>
    public static string Canonical(string text)
    {
        var (_, number, unit) = Read(text);
        return number + unit;
    }

    private static (long Bytes, string Number, string Unit) Read(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success
            || !decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                out var number))
            throw new FormatException($"'{text}' is not a size; write it like 5GB, 500MB, 2GiB or a number of bytes");
        var (unit, scale) = match.Groups[2].Value.ToUpperInvariant() switch
        {
            "" => ("", 1m),
            "B" => ("B", 1m),
            "KB" => ("KB", 1e3m),
            "MB" => ("MB", 1e6m),
            "GB" => ("GB", 1e9m),
            "TB" => ("TB", 1e12m),
            "KIB" => ("KiB", 1024m),
            "MIB" => ("MiB", 1024m * 1024),
            "GIB" => ("GiB", 1024m * 1024 * 1024),
            "TIB" => ("TiB", 1024m * 1024 * 1024 * 1024),
            _ => throw new FormatException($"'{text}': unknown unit '{match.Groups[2].Value}'"),
        };
        var bytes = number * scale;
        if (bytes < 1 || bytes > long.MaxValue)
            throw new FormatException($"'{text}': the size must be at least one byte");
        return ((long)bytes, match.Groups[1].Value, unit);
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)$")]
    private static partial Regex Pattern();
}
