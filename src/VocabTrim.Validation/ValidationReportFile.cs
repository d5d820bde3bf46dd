using System.Text.Json;
using System.Text.Json.Serialization;
using VocabTrim.Common;

namespace VocabTrim.Validation;

/// <summary>
/// <c>validation.json</c>: the report as snake_case JSON (infinite differences written as "Infinity").
/// </summary>
public static class ValidationReportFile
{
    public const string FileName = "validation.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static byte[] Serialize(ValidationReport report) => JsonSerializer.SerializeToUtf8Bytes(report, Options);

    /// <param name="overwrite">
    /// Replace an existing file; when false, one found at the final rename is left alone.
    /// </param>
    public static void Write(ValidationReport report, string path, bool overwrite = true) =>
        AtomicFile.Write(path, stream => stream.Write(Serialize(report)), overwrite);
}
