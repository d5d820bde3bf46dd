using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using VocabTrim.Checkpoints;
using VocabTrim.Common;
using VocabTrim.Corpora;
using VocabTrim.Hub;
using VocabTrim.Selection;

namespace VocabTrim.Recipes;

/// <summary>
/// Writes recipes as clean, stable JSON: fields in the schema's order, two-space indents, relative paths
/// rewritten relative to the folder written to. What it writes always loads back to an equal recipe.
/// </summary>
public static class RecipeWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Recipes are read by people: keep ü and < as they are rather than as \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="recipe"/> to <paramref name="path"/> atomically, creating its folder.</summary>
    /// <exception cref="RecipeException">
    /// The recipe breaks the schema (a record built with an out-of-range value); nothing is written.
    /// </exception>
    public static void Write(Recipe recipe, string path, RecipeForm form = RecipeForm.Minimal)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var json = ToJson(recipe, folder, form);
        // Checked as any recipe is read, so that no written recipe fails to load.
        RecipeFile.Parse(json, path, folder);
        Directory.CreateDirectory(folder);
        AtomicFile.Write(full, stream => stream.Write(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>The JSON text of a recipe to be stored in <paramref name="folder"/>, ending with a newline.</summary>
    public static string ToJson(Recipe recipe, string folder, RecipeForm form = RecipeForm.Minimal)
    {
        var full = form == RecipeForm.Full;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            if (recipe.Schema != null) w.WriteString("$schema", recipe.Schema.TextRelativeTo(folder));
            if (recipe.Description != null) w.WriteString("description", recipe.Description);
            w.WriteString("model", recipe.Model.TextRelativeTo(folder));
            if (full || recipe.Revision != Recipe.DefaultRevision) w.WriteString("revision", recipe.Revision);
            WriteLanguages(w, recipe.Languages, folder, full);
            if (full || recipe.Overall != 0) w.WriteNumber("overall", recipe.Overall);
            if (full || recipe.SpecialTokens != SpecialTokenPolicy.All)
            {
                w.WriteStartObject("specialTokens");
                var sentinels = recipe.SpecialTokens;
                if (sentinels.Sentinels is { } n and > 0) w.WriteNumber("sentinels", n);
                else w.WriteString("sentinels", sentinels.SentinelsText);
                w.WriteEndObject();
            }
            if (full || recipe.PadToMultiple != 1) w.WriteNumber("padToMultiple", recipe.PadToMultiple);
            if (full || recipe.Dtype != WeightDtype.Keep) w.WriteString("dtype", recipe.Dtype.Name);
            if (full || recipe.MaxShardSize != Recipe.DefaultMaxShardSize)
                w.WriteString("maxShardSize", recipe.MaxShardSize);
            WriteValidation(w, recipe.Validation, folder, full);
            WriteCard(w, recipe.Card, full);
            if (recipe.Resolved != null) WriteResolved(w, recipe.Resolved, folder);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteLanguages(Utf8JsonWriter w, IEnumerable<LanguageRecipe> languages, string folder,
        bool full)
    {
        w.WriteStartObject("languages");
        foreach (var l in languages)
        {
            w.WriteStartObject(l.Language);
            w.WriteNumber("top", l.Top);
            if (l.Corpus != null) w.WriteString("corpus", l.Corpus.TextRelativeTo(folder));
            if (l.MaxSentences is { } max) w.WriteNumber("maxSentences", max);
            if (full || l.Format != CorpusFormat.Leipzig)
                w.WriteString("format", l.Format == CorpusFormat.PlainText ? "plain-text" : "leipzig");
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteValidation(Utf8JsonWriter w, ValidationSettings v, string folder, bool full)
    {
        var d = ValidationSettings.Default;
        if (!full && v == d) return;
        w.WriteStartObject("validation");
        if (full || v.Skip != d.Skip) w.WriteBoolean("skip", v.Skip);
        if (full || v.Corpora.Count > 0)
        {
            w.WriteStartObject("corpora");
            foreach (var (language, corpus) in v.Corpora) w.WriteString(language, corpus.TextRelativeTo(folder));
            w.WriteEndObject();
        }
        if (full || v.Sentences != d.Sentences) w.WriteNumber("sentences", v.Sentences);
        if (full || v.LogitSentences != d.LogitSentences) w.WriteNumber("logitSentences", v.LogitSentences);
        if (full || v.MaxNewTokens != d.MaxNewTokens) w.WriteNumber("maxNewTokens", v.MaxNewTokens);
        if (full || v.Atol != d.Atol) WriteNumber(w, "atol", v.Atol);
        if (full || v.Rtol != d.Rtol) WriteNumber(w, "rtol", v.Rtol);
        if (full || v.Device != d.Device) w.WriteString("device", v.Device);
        w.WriteEndObject();
    }

    private static void WriteCard(Utf8JsonWriter w, CardMetadata c, bool full)
    {
        if (!full && c == CardMetadata.Empty) return;
        w.WriteStartObject("card");
        if (c.Title != null) w.WriteString("title", c.Title);
        if (c.License != null) w.WriteString("license", c.License);
        if (full || c.Tags.Count > 0)
        {
            w.WriteStartArray("tags");
            foreach (var tag in c.Tags) w.WriteStringValue(tag);
            w.WriteEndArray();
        }
        if (c.Notes != null) w.WriteString("notes", c.Notes);
        w.WriteEndObject();
    }

    private static void WriteResolved(Utf8JsonWriter w, ResolvedInputs r, string folder)
    {
        w.WriteStartObject("resolved");
        w.WriteString("vocabtrimVersion", r.VocabtrimVersion);
        w.WriteStartObject("model");
        w.WriteString("source", r.Model.Source == ModelSource.Hub ? "hub" : "folder");
        if (r.Model.RepoId != null) w.WriteString("repoId", r.Model.RepoId);
        if (r.Model.Commit != null) w.WriteString("commit", r.Model.Commit);
        w.WriteStartObject("files");
        foreach (var (name, sha256) in r.Model.Files) w.WriteString(name, sha256);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("corpora");
        foreach (var (language, corpus) in r.Corpora)
        {
            w.WriteStartObject(language);
            w.WriteString("path", corpus.Path.TextRelativeTo(folder));
            w.WriteString("sha256", corpus.Sha256);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteString("keepSha256", r.KeepSha256);
        w.WriteEndObject();
    }

    // Shortest text that reads back as the same double, with a JSON-style exponent: 1e-05 rather than 1E-05.
    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E');
        if (e >= 0)
        {
            var exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = string.Create(CultureInfo.InvariantCulture, $"{text[..e]}e{exponent}");
        }
        w.WritePropertyName(name);
        w.WriteRawValue(text);
    }
}
