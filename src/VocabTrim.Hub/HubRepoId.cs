using System.Text.RegularExpressions;

namespace VocabTrim.Hub;

/// <summary>The hub's repository id syntax: <c>name</c> or <c>org/name</c>.</summary>
public static partial class HubRepoId
{
    /// <summary>
    /// True for what the hub accepts as a model id (huggingface_hub's <c>validate_repo_id</c>: letters, digits,
    /// <c>-_.</c>, no <c>--</c> or <c>..</c>, not starting or ending with <c>-</c> or <c>.</c>).
    /// </summary>
    public static bool IsValid(string text) =>
        text.Length <= 96 * 2 + 1 && Pattern().IsMatch(text) && !text.Contains("--", StringComparison.Ordinal)
            && !text.Contains("..", StringComparison.Ordinal);

    [GeneratedRegex(@"^([A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?/)?[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$")]
    private static partial Regex Pattern();
}
