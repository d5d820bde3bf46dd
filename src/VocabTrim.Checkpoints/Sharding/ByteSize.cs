using System.Globalization;
using System.Text.RegularExpressions;

namespace VocabTrim.Checkpoints.Sharding;

/// <summary>
/// Sizes as transformers' <c>max_shard_size</c> takes them: "5GB" (decimal), "500MiB" (binary), or bytes.
/// </summary>
public static partial class ByteSize
{
    /// <exception cref="FormatException">Not a size; the message says how to write one.</exception>
    public static long Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success
            || !decimal.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                out var number))
            throw new FormatException($"'{text}' is not a size; write it like 5GB, 500MB, 2GiB or a number of bytes");
        var unit = match.Groups[2].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1m,
            "KB" => 1e3m,
            "MB" => 1e6m,
            "GB" => 1e9m,
            "TB" => 1e12m,
            "KIB" => 1024m,
            "MIB" => 1024m * 1024,
            "GIB" => 1024m * 1024 * 1024,
            "TIB" => 1024m * 1024 * 1024 * 1024,
            _ => throw new FormatException($"'{text}': unknown unit '{match.Groups[2].Value}'"),
        };
        var bytes = number * unit;
        if (bytes < 1 || bytes > long.MaxValue)
            throw new FormatException($"'{text}': the size must be at least one byte");
        return (long)bytes;
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)$")]
    private static partial Regex Pattern();
}
