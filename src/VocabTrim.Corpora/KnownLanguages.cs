namespace VocabTrim.Corpora;

/// <summary>
/// The languages <see cref="LanguageCode"/> knows: those of mT5 and BLOOM and of the Leipzig news
/// corpora usually paired with them.
/// </summary>
internal static class KnownLanguages
{
    // Aliases are other codes people and corpora use for the same language: the ISO 639-3 code of the
    // individual language behind a macrolanguage (Leipzig names some corpora pes, zsm, swh, ekk, ...),
    // ISO 639-2/B codes (ger, fre), and retired codes still used by models (mT5 says iw for Hebrew).
    // Norwegian is keyed as "no" because mT5 and most model cards say "no", while Leipzig's corpora are
    // Bokmål (nob); "nb" and "nor" lead to the same language.
    private static readonly (LanguageCode Language, string[] Aliases)[] Table =
    [
        Language("afr", "af", "Afrikaans"),
        Language("aka", "ak", "Akan"),
        Language("amh", "am", "Amharic"),
        Language("ara", "ar", "Arabic", "arb"),
        Language("asm", "as", "Assamese"),
        Language("aze", "az", "Azerbaijani", "azj"),
        Language("bam", "bm", "Bambara"),
        Language("bel", "be", "Belarusian"),
        Language("ben", "bn", "Bengali"),
        Language("bos", "bs", "Bosnian"),
        Language("bul", "bg", "Bulgarian"),
        Language("cat", "ca", "Catalan"),
        Language("ceb", null, "Cebuano"),
        Language("ces", "cs", "Czech", "cze"),
        Language("cos", "co", "Corsican"),
        Language("cym", "cy", "Welsh", "wel"),
        Language("dan", "da", "Danish"),
        Language("deu", "de", "German", "ger"),
        Language("ell", "el", "Greek", "gre"),
        Language("eng", "en", "English"),
        Language("epo", "eo", "Esperanto"),
        Language("est", "et", "Estonian", "ekk"),
        Language("eus", "eu", "Basque", "baq"),
        Language("fas", "fa", "Persian", "pes", "per"),
        Language("fin", "fi", "Finnish"),
        Language("fon", null, "Fon"),
        Language("fra", "fr", "French", "fre"),
        Language("fry", "fy", "Western Frisian"),
        Language("gla", "gd", "Scottish Gaelic"),
        Language("gle", "ga", "Irish"),
        Language("glg", "gl", "Galician"),
        Language("guj", "gu", "Gujarati"),
        Language("hat", "ht", "Haitian Creole"),
        Language("hau", "ha", "Hausa"),
        Language("haw", null, "Hawaiian"),
        Language("heb", "he", "Hebrew", "iw"),
        Language("hin", "hi", "Hindi"),
        Language("hmn", null, "Hmong"),
        Language("hrv", "hr", "Croatian"),
        Language("hun", "hu", "Hungarian"),
        Language("hye", "hy", "Armenian", "arm"),
        Language("ibo", "ig", "Igbo"),
        Language("ind", "id", "Indonesian", "in"),
        Language("isl", "is", "Icelandic", "ice"),
        Language("ita", "it", "Italian"),
        Language("jav", "jv", "Javanese"),
        Language("jpn", "ja", "Japanese"),
        Language("kan", "kn", "Kannada"),
        Language("kat", "ka", "Georgian", "geo"),
        Language("kaz", "kk", "Kazakh"),
        Language("khm", "km", "Khmer"),
        Language("kik", "ki", "Kikuyu"),
        Language("kin", "rw", "Kinyarwanda"),
        Language("kir", "ky", "Kyrgyz"),
        Language("kor", "ko", "Korean"),
        Language("kur", "ku", "Kurdish", "kmr"),
        Language("lao", "lo", "Lao"),
        Language("lat", "la", "Latin"),
        Language("lav", "lv", "Latvian", "lvs"),
        Language("lin", "ln", "Lingala"),
        Language("lit", "lt", "Lithuanian"),
        Language("ltz", "lb", "Luxembourgish"),
        Language("lug", "lg", "Luganda"),
        Language("mal", "ml", "Malayalam"),
        Language("mar", "mr", "Marathi"),
        Language("mkd", "mk", "Macedonian", "mac"),
        Language("mlg", "mg", "Malagasy", "plt"),
        Language("mlt", "mt", "Maltese"),
        Language("mon", "mn", "Mongolian", "khk"),
        Language("mri", "mi", "Maori", "mao"),
        Language("msa", "ms", "Malay", "zsm", "may"),
        Language("mya", "my", "Burmese", "bur"),
        Language("nep", "ne", "Nepali", "npi"),
        Language("nld", "nl", "Dutch", "dut"),
        Language("nno", "nn", "Norwegian Nynorsk"),
        Language("nob", "no", "Norwegian Bokmål", "nb", "nor"),
        Language("nso", null, "Northern Sotho"),
        Language("nya", "ny", "Chichewa"),
        Language("ori", "or", "Odia", "ory"),
        Language("pan", "pa", "Punjabi"),
        Language("pol", "pl", "Polish"),
        Language("por", "pt", "Portuguese"),
        Language("pus", "ps", "Pashto", "pbt"),
        Language("ron", "ro", "Romanian", "rum"),
        Language("run", "rn", "Kirundi"),
        Language("rus", "ru", "Russian"),
        Language("sin", "si", "Sinhala"),
        Language("slk", "sk", "Slovak", "slo"),
        Language("slv", "sl", "Slovenian"),
        Language("smo", "sm", "Samoan"),
        Language("sna", "sn", "Shona"),
        Language("snd", "sd", "Sindhi"),
        Language("som", "so", "Somali"),
        Language("sot", "st", "Sesotho"),
        Language("spa", "es", "Spanish"),
        Language("sqi", "sq", "Albanian", "als", "alb"),
        Language("srp", "sr", "Serbian"),
        Language("sun", "su", "Sundanese"),
        Language("swa", "sw", "Swahili", "swh"),
        Language("swe", "sv", "Swedish"),
        Language("tam", "ta", "Tamil"),
        Language("tat", "tt", "Tatar"),
        Language("tel", "te", "Telugu"),
        Language("tgk", "tg", "Tajik"),
        Language("tgl", "tl", "Tagalog", "fil"),
        Language("tha", "th", "Thai"),
        Language("tsn", "tn", "Setswana"),
        Language("tso", "ts", "Xitsonga"),
        Language("tum", null, "Tumbuka"),
        Language("tur", "tr", "Turkish"),
        Language("twi", "tw", "Twi"),
        Language("ukr", "uk", "Ukrainian"),
        Language("urd", "ur", "Urdu"),
        Language("uzb", "uz", "Uzbek", "uzn"),
        Language("vie", "vi", "Vietnamese"),
        Language("wol", "wo", "Wolof"),
        Language("xho", "xh", "Xhosa"),
        Language("yid", "yi", "Yiddish", "ydd", "ji"),
        Language("yor", "yo", "Yoruba"),
        Language("zho", "zh", "Chinese", "cmn", "chi"),
        Language("zul", "zu", "Zulu"),
    ];

    public static IReadOnlyList<LanguageCode> All { get; } = Table.Select(t => t.Language)
        .OrderBy(l => l.Iso639_3, StringComparer.Ordinal).ToArray();

    public static IReadOnlyDictionary<string, LanguageCode> ByCode { get; } = BuildIndex();

    private static (LanguageCode, string[]) Language(string iso639_3, string? iso639_1, string name,
        params string[] aliases) =>
        (new LanguageCode(iso639_3, iso639_1, name), aliases);

    private static Dictionary<string, LanguageCode> BuildIndex()
    {
        var index = new Dictionary<string, LanguageCode>(StringComparer.OrdinalIgnoreCase);
        foreach (var (language, aliases) in Table)
        {
            // Add, not the indexer: a code listed twice is a mistake in the table and must fail loudly.
            index.Add(language.Iso639_3, language);
            if (language.Iso639_1 != null) index.Add(language.Iso639_1, language);
            foreach (var alias in aliases) index.Add(alias, language);
        }
        return index;
    }
}
