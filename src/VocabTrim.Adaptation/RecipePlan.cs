using VocabTrim.Hub;
using VocabTrim.Recipes;

namespace VocabTrim.Adaptation;

/// <summary>
/// A recipe with every name resolved: the plan to run, and the recipe as it resolved (model revision pinned to
/// the commit, each language's corpus filled in), which goes into the output folder as <c>recipe.json</c>.
/// </summary>
/// <param name="Model">Where the model came from: a folder, the Hugging Face cache or a download.</param>
public sealed record RecipePlan(Recipe Recipe, AdaptationPlan Plan, ResolvedModel Model);
