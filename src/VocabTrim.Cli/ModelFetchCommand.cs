using System.CommandLine;
using VocabTrim.Hub;

namespace VocabTrim.Cli;

/// <summary>
/// <c>vocabtrim model fetch ORG/NAME</c>: makes a hub model available in the Hugging Face cache (found there, or
/// downloaded with resume and checksum checks) and prints its local folder.
/// </summary>
public static class ModelFetchCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("ORG/NAME")
        {
            Description =
                "A hub model id such as bigscience/mt0-small (a local model folder is checked and printed as it is).",
        };
        var revision = new Option<string?>("--revision")
        {
            Description = "Branch, tag or commit hash (default: main).",
        };
        var cache = new Option<string?>("--cache")
        {
            Description =
                "The Hugging Face cache folder (default: $HF_HUB_CACHE, else $HF_HOME/hub, else "
                + "~/.cache/huggingface/hub).",
        };
        var endpoint = new Option<string?>("--endpoint")
        {
            Description = "The hub's address (default: $HF_ENDPOINT, else https://huggingface.co).",
        };
        var offline = new Option<bool>("--offline")
        {
            Description = "Use the cache only, never the network (also: HF_HUB_OFFLINE=1).",
        };
        var quiet = new Option<bool>("--quiet") { Description = "No progress output." };
        var command = new Command("fetch",
            "Download a model from the Hugging Face hub into the Hugging Face cache (the layout Python tools use) " +
            "and print its folder. " +
            "Only what a model folder needs: config, weights (safetensors preferred), tokenizer files and the " +
            "model card. " +
            "A revision already in the cache needs no network; an interrupted download continues where it stopped. " +
            "HF_TOKEN is sent for gated and private models.")
        {
            model, revision, cache, endpoint, offline, quiet,
        }.WithExamples(
            "vocabtrim model fetch bigscience/mt0-small",
            "vocabtrim model fetch bigscience/bloomz-560m --revision main --cache /data/hf-cache",
            "HF_HUB_OFFLINE=1 vocabtrim model fetch bigscience/mt0-small   # cache only: prints the folder or says "
            + "what is missing");
        command.SetAction(parseResult => CommandErrors.Run(parseResult, stdout =>
        {
            var options = HubOptions.FromEnvironment();
            if (parseResult.GetValue(cache) is { } dir)
                options = options with { CacheDirectory = Path.GetFullPath(dir) };
            if (parseResult.GetValue(endpoint) is { } address)
            {
                options = options with
                {
                    Endpoint = Uri.TryCreate(address.TrimEnd('/') + "/", UriKind.Absolute, out var url)
                        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                        ? url : throw new UsageException($"--endpoint {address}: not an http(s) address"),
                };
            }
            if (parseResult.GetValue(offline)) options = options with { Offline = true };

            var name = parseResult.GetRequiredValue(model);
            var stderr = parseResult.InvocationConfiguration.Error;
            var quietly = parseResult.GetValue(quiet);
            var resolved = DownloadProgressDisplay.Run(quietly, stderr,
                progress => ModelLocator.Resolve(name, parseResult.GetValue(revision), options, progress));
            if (!quietly) stderr.WriteLine(Describe(resolved));
            stdout.WriteLine(resolved.Folder);
        }));
        return command;
    }

    private static string Describe(ResolvedModel model) => model switch
    {
        { Source: ModelSource.Folder } => $"{model.Folder}: a local model folder",
        { Downloaded: true } => $"{model.RepoId}: downloaded commit {model.Commit} into the Hugging Face cache",
        _ => $"{model.RepoId}: commit {model.Commit} already in the Hugging Face cache",
    };
}
