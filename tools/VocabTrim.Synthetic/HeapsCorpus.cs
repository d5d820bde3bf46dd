using System.Text;

namespace VocabTrim.Synthetic;

/// <summary>
/// A large Leipzig-format corpus grown from a real sample so that its word types grow as in real text (Heaps'
/// law, V(n) = V₀·(n/n₀)^β over n whitespace-separated tokens), not as in the sample repeated, whose types stop
/// at the sample's. Sentences are the sample's, cycled; whenever the corpus is short of the types the law asks for
/// at its length, the next word is replaced by a new form: a word of the sample's vocabulary (drawn uniformly, so
/// content words rather than "the") affixed or compounded with another, in the language's manner (German compounds
/// close up, English ones take a hyphen), keeping the replaced word's punctuation. So
/// counting, the pieces seen and the kept set behave as on a real corpus of that size, and word caches meet
/// mostly unseen words.
/// </summary>
public static class HeapsCorpus
{
    /// <summary>Heaps' exponent measured on the shared Leipzig news samples.</summary>
    public static double BetaFor(string language) => IsGerman(language) ? 0.79 : 0.72;

    /// <returns>The sentences written and the distinct whitespace-separated tokens among them.</returns>
    public static (long Sentences, long Types) Write(string samplePath, string outputPath, long sentences,
        string language, ulong seed = 20260101)
    {
        var sample = File.ReadLines(samplePath).Select(l => l[(l.IndexOf('\t') + 1)..]).Where(l => l.Length > 0)
            .ToList();
        if (sample.Count == 0) throw new ArgumentException($"{samplePath} holds no sentences", nameof(samplePath));
        var sampleWords = sample.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var types = new HashSet<string>(sampleWords, StringComparer.Ordinal);
        var stems = types.Select(Stem).Where(s => s.Length >= 3 && s.All(char.IsLetter)).Distinct().ToList();
        if (stems.Count == 0)
            throw new ArgumentException($"{samplePath} has no words of three letters or more to make new forms from",
                nameof(samplePath));
        double n0 = sampleWords.Count, v0 = types.Count;
        var beta = BetaFor(language);
        var german = IsGerman(language);
        var random = new SplitMix64(seed);

        var temporary = outputPath + ".tmp";
        long tokens = 0;
        using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false), 1 << 20))
        {
            var line = new StringBuilder();
            for (long i = 0; i < sentences; i++)
            {
                line.Clear().Append(i + 1).Append('\t');
                var words = sample[(int)(i % sample.Count)].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var w = 0; w < words.Length; w++)
                {
                    tokens++;
                    var word = words[w];
                    if (types.Count < v0 * Math.Pow(Math.Max(tokens, n0) / n0, beta) && Stem(word).Length >= 2)
                        word = Mint(word, stems, types, german, ref random);
                    if (w > 0) line.Append(' ');
                    line.Append(word);
                }
                writer.Write(line.Append('\n'));
            }
        }
        File.Move(temporary, outputPath, overwrite: true);
        return (sentences, types.Count);
    }

    private static readonly string[] GermanPrefixes =
        ["ge", "ver", "be", "ent", "un", "über", "vor", "nach", "mit", "zer"];
    private static readonly string[] GermanSuffixes =
        ["ung", "keit", "heit", "schaft", "chen", "lich", "isch", "er", "en", "los", "bar"];
    private static readonly string[] EnglishPrefixes =
        ["un", "re", "over", "under", "non", "pre", "mis", "out", "co", "anti", "post"];
    private static readonly string[] EnglishSuffixes =
        ["ness", "less", "ful", "ly", "ish", "er", "ers", "ism", "ist", "ize", "ized", "able"];

    /// <summary>
    /// A form not yet in <paramref name="types"/> (added to it) in place of <paramref name="word"/>, keeping its
    /// punctuation.
    /// </summary>
    private static string Mint(string word, List<string> stems, HashSet<string> types, bool german,
        ref SplitMix64 random)
    {
        var tail = word[Stem(word).Length..];
        while (true)
        {
            var stem = stems[(int)(random.Next() % (ulong)stems.Count)];
            var other = stems[(int)(random.Next() % (ulong)stems.Count)];
            var form = (random.Next() % 3) switch
            {
                0 when german => stem + Lower(other),
                0 => stem + "-" + Lower(other),
                1 => Pick(german ? GermanPrefixes : EnglishPrefixes, ref random) + Lower(stem),
                _ => stem + Pick(german ? GermanSuffixes : EnglishSuffixes, ref random),
            };
            if (char.IsUpper(stem[0]) && char.IsLower(form[0])) form = char.ToUpperInvariant(form[0]) + form[1..];
            if (types.Add(form + tail)) return form + tail;
        }
    }

    /// <summary>The word without trailing punctuation.</summary>
    private static string Stem(string word)
    {
        var end = word.Length;
        while (end > 0 && !char.IsLetterOrDigit(word[end - 1])) end--;
        return word[..end];
    }

    private static string Lower(string s) => s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1])
        ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    private static string Pick(string[] options, ref SplitMix64 random) =>
        options[(int)(random.Next() % (ulong)options.Length)];

    private static bool IsGerman(string language) => language is "de" or "deu" or "ger";
}
