namespace VocabTrim.Hub;

/// <summary>
/// Where the Hugging Face hub is and how to use it, read from the same environment variables as
/// huggingface_hub so that vocabtrim and Python tools share one cache and one configuration.
/// </summary>
/// <param name="Endpoint">The hub's address (<c>HF_ENDPOINT</c>), always ending with a slash.</param>
/// <param name="Token">
/// Sent as <c>Authorization: Bearer</c> to the hub: <c>HF_TOKEN</c>, else the file <c>huggingface-cli login</c> wrote
/// (<c>HF_TOKEN_PATH</c>, else <c>HF_HOME/token</c>); null when there is none.
/// </param>
/// <param name="CacheDirectory">
/// The hub cache (<c>HF_HUB_CACHE</c>, else <c>HF_HOME/hub</c>, else <c>$XDG_CACHE_HOME/huggingface/hub</c>, else
/// <c>~/.cache/huggingface/hub</c>).
/// </param>
/// <param name="Offline">Never contact the hub (<c>HF_HUB_OFFLINE=1</c>): only the cache and local folders.</param>
public sealed record HubOptions(Uri Endpoint, string? Token, string CacheDirectory, bool Offline)
{
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co/");

    /// <summary>
    /// Reads the options from <paramref name="environment"/> (the process environment when null);
    /// <paramref name="home"/> replaces the user's home folder, for tests.
    /// </summary>
    /// <exception cref="HubException">HF_ENDPOINT is not an http(s) address.</exception>
    public static HubOptions FromEnvironment(Func<string, string?>? environment = null, string? home = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string? Get(string name) => environment(name) is { Length: > 0 } value ? value : null;

        var endpoint = DefaultEndpoint;
        if (Get("HF_ENDPOINT") is { } text)
        {
            if (!Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var parsed)
                || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
                throw new HubException($"HF_ENDPOINT={text}: not an http(s) address");
            endpoint = parsed;
        }

        // huggingface_hub's constants: HF_HOME defaults to $XDG_CACHE_HOME/huggingface, and the older
        // HUGGINGFACE_HUB_CACHE / HUGGING_FACE_HUB_TOKEN spellings still count when the new ones are unset.
        var hfHome = Get("HF_HOME")
            ?? Path.Combine(Get("XDG_CACHE_HOME") ?? Path.Combine("~", ".cache"), "huggingface");
        var cache = Get("HF_HUB_CACHE") ?? Get("HUGGINGFACE_HUB_CACHE")
            ?? Path.Combine(ExpandHome(hfHome, home), "hub");
        var token = Get("HF_TOKEN") ?? Get("HUGGING_FACE_HUB_TOKEN")
            ?? TokenFile(ExpandHome(Get("HF_TOKEN_PATH") ?? Path.Combine(hfHome, "token"), home));

        return new HubOptions(endpoint, token, Path.GetFullPath(ExpandHome(cache, home)),
            IsTrue(Get("HF_HUB_OFFLINE")));
    }

    private static string? TokenFile(string path)
    {
        try
        {
            return File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } token ? token : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // an unreadable token file is as if logged out; a gated model then says to set HF_TOKEN
        }
    }

    // huggingface_hub's _is_true: these spellings switch a flag on, anything else leaves it off.
    private static bool IsTrue(string? value) =>
        value != null && value.Trim().ToUpperInvariant() is "1" or "ON" or "YES" or "TRUE";

    private static string ExpandHome(string path, string? home) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            || path.StartsWith("~" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.Combine(home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                path.Length > 2 ? path[2..] : "")
            : path;
}
