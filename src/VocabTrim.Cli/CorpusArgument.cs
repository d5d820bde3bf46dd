using VocabTrim.Corpora;

namespace VocabTrim.Cli;

/// <summary>
/// One <c>--corpus LANG=PATH</c> argument; the language is normalised so that <c>eng</c> and <c>en</c> are one.
/// </summary>
public sealed record CorpusArgument(string Language, string Path)
{
    public static CorpusArgument Parse(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new UsageException($"--corpus '{text}': expected LANG=PATH, e.g. en=eng_news_2023_1M.tar.gz");
        var code = text[..eq].Trim();
        if (!LanguageCode.TryParse(code, out var language))
            throw new UsageException(
                $"--corpus '{text}': '{code}' is not a language code vocabtrim knows (use ISO 639-1 like en, or "
                + "Leipzig's ISO 639-3 like eng)");
        return new CorpusArgument(language!.ToString(), text[(eq + 1)..]);
    }
}
