using System.CommandLine;
using VocabTrim.Recipes;

namespace VocabTrim.Cli;

/// <summary>
/// <c>vocabtrim recipe new</c> and <c>recipe check</c>: write a recipe from flags, check recipes against the schema.
/// </summary>
public static class RecipeCommand
{
    private const string SchemaFile = "recipes.schema.json";

    public static Command Create() =>
        new("recipe",
        "Write and check recipes: JSON files that hold everything 'vocabtrim adapt' needs (see recipes.schema.json).")
    {
        CreateNew(),
        CreateCheck(),
    };

    private static Command CreateNew()
    {
        var options = new RecipeOptions();
        var description = new Option<string?>("--description")
        {
            Description = "Free text for the recipe's description field.",
        };
        var output = new Option<string>("--out")
        {
            Description = "The recipe file to write, e.g. recipes/mt0-small-en-fr.json.",
            Required = true,
        };
        var force = new Option<bool>("--force") { Description = "Overwrite --out if it exists." };
        var command = new Command("new",
            "Write a recipe from flags (or from --recipe with flags changing it); only what differs from the "
            + "defaults is written.")
            .WithExamples(
                "vocabtrim recipe new --model bigscience/mt0-small --langs en:15000,de:30000 --overall 2000 --out "
                + "recipes/mt0-small-en-de.json",
                "vocabtrim recipe new --model bigscience/mt0-base --langs en:15000,fr:30000 --corpus "
                + "fr=data/fra_news_2023_1M.tar.gz --out recipes/mt0-base-en-fr.json",
                "vocabtrim recipe new --recipe recipes/mt0-xl-en-de.json --sentinels none --dtype bfloat16 --out "
                + "recipes/mt0-xl-en-de-bf16.json");
        options.AddTo(command);
        command.Options.Add(description);
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction(parse => CommandErrors.Run(parse, stdout =>
        {
            var path = parse.GetRequiredValue(output);
            if (File.Exists(path) && !parse.GetValue(force))
                throw new UsageException($"--out {path} exists; add --force to overwrite it");
            var recipe = options.ToRecipe(parse);
            if (parse.GetValue(description) is { } text) recipe = recipe with { Description = text };
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (recipe.Schema == null && FindSchema(folder) is { } schema)
                recipe = recipe with { Schema = RecipeReference.Schema(Path.GetRelativePath(folder, schema), folder) };
            RecipeWriter.Write(recipe, path);
            stdout.WriteLine($"wrote {Path.GetFullPath(path)}: {RecipeSummary.Line(recipe)}");
        }));
        return command;
    }

    private static Command CreateCheck()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Recipe files to check.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("check",
            "Check recipes against the schema and vocabtrim's rules and print each in one line (models and corpora are "
            + "not looked up).")
        {
            files,
        }.WithExamples(
            "vocabtrim recipe check recipes/mt0-xl-en-de.json",
            "vocabtrim recipe check recipes/*.json");
        command.SetAction(parse =>
        {
            var failed = 0;
            foreach (var file in parse.GetRequiredValue(files))
            {
                // Every file is checked and reported, so one run lists all the broken recipes.
                var code = CommandErrors.Run(parse,
                    stdout => stdout.WriteLine($"{file}: ok: {RecipeSummary.Line(RecipeFile.Load(file))}"));
                if (code != 0) failed++;
            }
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    // So that editors find the schema for a recipe written inside a vocabtrim checkout.
    private static string? FindSchema(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, SchemaFile);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
