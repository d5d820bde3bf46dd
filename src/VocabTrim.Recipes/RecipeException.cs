using VocabTrim.Common;

namespace VocabTrim.Recipes;

/// <summary>
/// A recipe (or a command-line flag meant to change one) that cannot be used, as one line:
/// <c>recipes/x.json: $.languages.de.top: expected an integer &gt;= 1, got "many"</c>.
/// </summary>
public sealed class RecipeException : UserInputException
{
    public RecipeException(string source, string? jsonPath, string problem)
        : base(jsonPath == null ? $"{source}: {problem}" : $"{source}: {jsonPath}: {problem}")
    {
        Origin = source;
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>The recipe file, or the flag (<c>--langs</c>) when the mistake is on the command line.</summary>
    public string Origin { get; }

    /// <summary>Where in the recipe, as <c>$.languages.de.top</c>; null when the problem is not at one place.</summary>
    public string? JsonPath { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Problem { get; }
}
