using System.Text;
using VocabTrim.Common;
using VocabTrim.Corpora;
using VocabTrim.Counting;

namespace VocabTrim.Reporting;

/// <summary>
/// The slim model's README.md in the Hugging Face style of the published example ("Language adaption of
/// &lt;model&gt;"): front matter, method, vocabulary composition, corpora with attribution, what was measured,
/// how to use it, and the original card below.
/// </summary>
public static class ModelCard
{
    public const string FileName = "README.md";
    public const string PaperUrl = "https://arxiv.org/abs/2010.05609";
    public const string LeipzigLicenseUrl = "https://creativecommons.org/licenses/by/4.0/";

    /// <summary>Writes README.md into <paramref name="folder"/> (atomically); returns its path.</summary>
    public static string WriteTo(AdaptationFacts facts, string folder)
    {
        var path = Path.Combine(folder, FileName);
        var bytes = new UTF8Encoding(false).GetBytes(Compose(facts));
        AtomicFile.Write(path, s => s.Write(bytes));
        return path;
    }

    public static string Compose(AdaptationFacts facts)
    {
        var original = facts.OriginalCard == null ? null : OriginalCard.Parse(facts.OriginalCard);
        var md = new List<string>();
        md.AddRange(CardFrontMatter.Lines(facts, original));
        md.Add("");
        md.Add($"# {facts.Card.Title ?? "Language adaption of " + facts.BaseModel.Name}");
        md.Add("");
        md.Add(Introduction(facts));
        Section(md, "Method", Method(facts));
        Section(md, "Corpora", Corpora(facts));
        Section(md, "Results", Results(facts));
        Section(md, "How to use", Usage(facts));
        if (!string.IsNullOrWhiteSpace(facts.Card.Notes)) Section(md, "Notes", [facts.Card.Notes.Trim()]);
        Section(md, "Original model card", OriginalBody(facts, original));
        return string.Join('\n', md).TrimEnd() + "\n";
    }

    private static void Section(List<string> md, string title, IEnumerable<string> lines)
    {
        md.Add("");
        md.Add($"## {title}");
        md.Add("");
        md.AddRange(lines);
    }

    private static string Introduction(AdaptationFacts facts)
    {
        var b = facts.BaseModel;
        var name = b.HubId != null ? $"[{b.HubId}](https://huggingface.co/{b.HubId})" : $"`{b.Name}`";
        var version = (b.Revision, b.Commit) switch
        {
            (null, null) => "",
            ({ } r, null) => $" (revision `{r}`)",
            (null, { } c) => $" (commit `{c}`)",
            ({ } r, { } c) when r == c => $" (commit `{c}`)",
            ({ } r, { } c) => $" (revision `{r}`, commit `{c}`)",
        };
        var names = facts.Selection.Rule.Quotas.Select(q => LanguageName(q.Language)).ToList();
        var languages = names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " and " + names[^1];
        return $"This is {name}{version} with its vocabulary reduced to the tokens needed for {languages}, " +
               $"made with vocabtrim {ToolVersion.Current}. It has {Numbers.Parameters(facts.Trim.ParametersAfter)} " +
               $"parameters instead of {Numbers.Parameters(facts.Trim.ParametersBefore)}; no weight was retrained.";
    }

    private static IEnumerable<string> Method(AdaptationFacts facts)
    {
        var s = facts.Selection;
        yield return "The vocabulary was reduced after Abdaoui et al. (2020), " +
                     $"[Load What You Need: Smaller Versions of Multilingual BERT]({PaperUrl}): the original " +
                     "tokenizer encoded a corpus of each language, its pieces were counted, and only the most " +
                     "frequent pieces were kept. The rows of the embedding and of the LM head that belong to the " +
                     "kept pieces were cut out of the original weights; every other weight is unchanged, so for a " +
                     "kept token the model computes the same logits as the original.";
        yield return "";
        yield return $"The vocabulary consists of the {VocabularyComposition.Sentence(s)}.";
        yield return "";
        var overlap = SelectionOverlap.Of(s);
        var overall = s.Rule.Overall > 0
            ? $"{Numbers.Count(s.Totals.OverallOnly)} by the overall top {s.Rule.Overall} alone, "
            : "";
        yield return $"The selections overlap, so that is {Numbers.Count(s.Totals.Kept)} of the original " +
                     $"{Numbers.Count(s.Totals.TokenizerPieces)} tokens: {Numbers.Count(s.Totals.ByQuotas)} chosen " +
                     $"by the language quotas ({Numbers.Count(overlap.SharedByLanguages)} of them by more than one " +
                     $"language), {overall}and {Numbers.Count(s.Totals.Specials)} special tokens (control, unknown, " +
                     "byte and user-defined pieces such as sentinels).";
        var shortfalls = s.Shortfalls().ToList();
        if (shortfalls.Count > 0) yield return "";
        foreach (var shortfall in shortfalls) yield return $"- {shortfall}.";
        var t = facts.Trim;
        if (t.Kept > s.Totals.Kept)
            yield return $"\nThe trimmed tokenizer keeps {Numbers.Count(t.Kept - s.Totals.Kept)} more tokens than " +
                         "selected: the parts that kept tokens are merged from, so that every kept token stays " +
                         "reachable and kept text encodes as before.";
        if (t.PaddingRowsAdded > 0)
            yield return $"\nThe embedding matrices have {Numbers.Count(t.RowsAfter)} rows: " +
                         $"{Numbers.Count(t.PaddingRowsAdded)} zero rows pad the vocabulary to a multiple that suits " +
                         "the hardware; no token maps to them.";
    }

    private static IEnumerable<string> Corpora(AdaptationFacts facts)
    {
        yield return "| language | corpus | sentences counted | SHA-256 |";
        yield return "| --- | --- | ---: | --- |";
        foreach (var c in facts.Corpora)
        {
            var name = c.Link != null ? $"[{c.Name}]({c.Link})" : $"`{c.Name}`";
            yield return $"| {c.Language} | {name} | {Numbers.Count(c.Sentences)} | `{c.Sha256}` |";
        }
        if (!facts.Corpora.Any(c => c.IsLeipzig)) yield break;
        yield return "";
        yield return "The Leipzig corpora are from the " +
                     $"[Leipzig Corpora Collection]({CorpusFact.LeipzigDownloadPage}), licensed under " +
                     $"[CC BY 4.0]({LeipzigLicenseUrl}); only token counts made from them are part of this model. " +
                     "Please cite:";

        yield return "";
        yield return "> D. Goldhahn, T. Eckart, U. Quasthoff (2012): Building Large Monolingual Dictionaries at the " +
                     "Leipzig Corpora Collection: From 100 to 200 Languages. In: Proceedings of the Eighth " +
                     "International Conference on Language Resources and Evaluation (LREC 2012).";
        yield return "";
        yield return "```bibtex";
        yield return "@inproceedings{goldhahn-etal-2012-building,";
        yield return "  title = {Building Large Monolingual Dictionaries at the Leipzig Corpora Collection: From 100 " +
                     "to 200 Languages},";
        yield return "  author = {Goldhahn, Dirk and Eckart, Thomas and Quasthoff, Uwe},";
        yield return "  booktitle = {Proceedings of the Eighth International Conference on Language Resources and " +
                     "Evaluation ({LREC}'12)},";
        yield return "  year = {2012},";
        yield return "  publisher = {European Language Resources Association (ELRA)}";
        yield return "}";
        yield return "```";
    }

    private static IEnumerable<string> Results(AdaptationFacts facts)
    {
        var t = facts.Trim;
        yield return "Sizes: parameters as counted in the weights, weight files as their bytes on disk:";
        yield return "";
        yield return "| | original | adapted | change |";
        yield return "| --- | ---: | ---: | ---: |";
        yield return $"| parameters | {Numbers.Count(t.ParametersBefore)} | {Numbers.Count(t.ParametersAfter)} | " +
                     $"{Numbers.Change(t.ParametersBefore, t.ParametersAfter)} |";
        foreach (var g in facts.Parameters.Groups)
            yield return $"| – {GroupName(g.Group)} | {Numbers.Count(g.ParametersBefore)} | " +
                         $"{Numbers.Count(g.ParametersAfter)} | " +
                         $"{Numbers.Change(g.ParametersBefore, g.ParametersAfter)} |";
        yield return $"| weight files | {Numbers.Bytes(t.BytesBefore)} | {Numbers.Bytes(t.BytesAfter)} | " +
                     $"{Numbers.Change(t.BytesBefore, t.BytesAfter)} |";
        yield return $"| vocabulary rows | {Numbers.Count(t.RowsBefore)} | {Numbers.Count(t.RowsAfter)} | " +
                     $"{Numbers.Change(t.RowsBefore, t.RowsAfter)} |";
        yield return "";
        yield return "Coverage: the share of each counting corpus's tokens (as the original tokenizer splits it) " +
                     "that are kept tokens. Text made only of kept tokens is tokenized exactly as by the original.";
        yield return "";
        yield return "| language | sentences | tokens | kept tokens | coverage |";
        yield return "| --- | ---: | ---: | ---: | ---: |";
        foreach (var l in facts.Selection.Languages)
        {
            var sentences = facts.Counts.FirstOrDefault(c => c.Language == l.Language)?.Sentences;
            yield return $"| {l.Language} | {(sentences is { } n ? Numbers.Count(n) : "–")} | " +
                         $"{Numbers.Count(l.Tokens)} | {Numbers.Count(l.KeptTokens)} | {Numbers.Percent(l.Coverage)} |";
        }
        yield return "";
        yield return "### Validation";
        yield return "";
        foreach (var line in ValidationSummary.Lines(facts.Validation)) yield return line;
    }

    private static IEnumerable<string> Usage(AdaptationFacts facts)
    {
        var usage = ModelUsage.For(facts.Trim.ModelType);
        var id = facts.OutputName;
        var prompt = SamplePrompt(facts.Selection.Rule.Quotas[0].Language, usage.IsEncoderDecoder);
        yield return "With transformers:";
        yield return "";
        yield return "```python";
        yield return $"from transformers import AutoTokenizer, {usage.AutoClass}";
        yield return "";
        yield return $"tokenizer = AutoTokenizer.from_pretrained(\"{id}\")";
        yield return $"model = {usage.AutoClass}.from_pretrained(\"{id}\")";
        yield return $"inputs = tokenizer({PythonString(prompt)}, return_tensors=\"pt\")";
        yield return "outputs = model.generate(**inputs, max_new_tokens=32)";
        yield return "print(tokenizer.decode(outputs[0], skip_special_tokens=True))";
        yield return "```";
        yield return "";
        yield return "With vocabtrim, in this folder: re-run the comparison with the original (it fails when outputs " +
                     "drift beyond the recipe's tolerances), or generate:";
        yield return "";
        yield return "```sh";
        yield return "vocabtrim test --recipe recipe.json --model-dir .";
        yield return $"vocabtrim generate --model . --prompt {ShellString(prompt)}";
        yield return "```";
        yield return "";
        yield return "`recipe.json` is the complete recipe with the hashes of every input: `vocabtrim adapt --recipe " +
                     "recipe.json` makes this model again. `report.md` has the details and plots, `keep.json` the " +
                     "kept tokens, `counts/` the token counts.";
    }

    private static IEnumerable<string> OriginalBody(AdaptationFacts facts, OriginalCard? original)
    {
        if (original == null)
        {
            yield return $"The original model folder had no {FileName}.";
            yield break;
        }
        if (original.Problem != null)
        {
            yield return $"> Its front matter could not be read ({original.Problem}), so none of its metadata was " +
                         "carried over.";
            yield return "";
        }
        yield return original.Body.Trim() is { Length: > 0 } body
            ? body
            : "The original card has no text besides its metadata.";
    }

    internal static string GroupName(TensorGroup group) => group switch
    {
        TensorGroup.Embedding => "embedding",
        TensorGroup.LmHead => "LM head",
        _ => "rest",
    };

    private static string LanguageName(string code) =>
        LanguageCode.TryParse(code, out var language) ? $"{language.Name} ({code})" : code;

    private static string SamplePrompt(string language, bool encoderDecoder) => (language, encoderDecoder) switch
    {
        ("de", true) => "Übersetze ins Englische: Das Wetter ist heute schön.",
        ("de", false) => "Die Hauptstadt von Frankreich ist",
        ("fr", true) => "Traduis en anglais : Il fait beau aujourd'hui.",
        ("fr", false) => "La capitale de l'Allemagne est",
        ("es", true) => "Traduce al inglés: Hoy hace buen tiempo.",
        ("es", false) => "La capital de Francia es",
        (_, true) => "Translate to German: The weather is nice today.",
        _ => "The capital of France is",
    };

    private static string PythonString(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string ShellString(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
