using System.CommandLine;
using System.Globalization;
using VocabTrim.Common;
using VocabTrim.Inference;
using VocabTrim.Inference.Generation;

namespace VocabTrim.Cli;

/// <summary>
/// <c>vocabtrim generate</c>: greedy generation with the inference core, for trying a (slim) model by hand
/// and for dumping logits to compare with another implementation. Parsing and printing only.
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model")
        {
            Description = "Model folder: config.json and weights (safetensors or pytorch_model.bin)",
            Required = true,
        };
        var prompt = new Option<string?>("--prompt")
        {
            Description = "Text to generate from (needs the folder's tokenizer: spiece.model)",
        };
        var inputIds = new Option<string?>("--input-ids")
        {
            Description = "Comma-separated input ids instead of a prompt, e.g. 5,17,2 (mT5: end with eos yourself)",
        };
        var maxNewTokens = new Option<int>("--max-new-tokens")
        {
            Description = "Most tokens to generate",
            DefaultValueFactory = _ => 32,
        }.AtLeast(0);
        var device = new Option<string>("--device")
        {
            Description = "cpu, cuda or auto",
            DefaultValueFactory = _ => "cpu",
        };
        device.AcceptOnlyFromAmong("cpu", "cuda", "auto");
        var dtype = new Option<string>("--dtype")
        {
            Description = "Compute dtype: float32, bfloat16 or float16",
            DefaultValueFactory = _ => "float32",
        };
        dtype.AcceptOnlyFromAmong("float32", "fp32", "bfloat16", "bf16", "float16", "fp16");
        var threads = new Option<int>("--threads")
        {
            Description = "CPU threads (0: libtorch's default)",
            DefaultValueFactory = _ => 0,
        }.AtLeast(0);
        var showIds = new Option<bool>("--ids") { Description = "Also print the generated ids" };
        var logitsOut = new Option<FileInfo?>("--logits-out")
        {
            Description = "Write every step's full logits vector to this JSON file",
        };

        var command = new Command("generate",
            "Generate greedily from a prompt with an mT5/mT0 or BLOOM/BLOOMZ model folder.")
        {
            model, prompt, inputIds, maxNewTokens, device, dtype, threads, showIds, logitsOut,
        };
        command.WithExamples("vocabtrim generate --model out/demo --prompt \"Translate to German: Good morning.\"",
            "vocabtrim generate --model bloom-tiny --input-ids 5,17,2 --max-new-tokens 8 --ids "
            + "--logits-out logits.json");
        command.Validators.Add(result =>
        {
            if ((result.GetValue(prompt) is null) == (result.GetValue(inputIds) is null))
                result.AddError("give exactly one of --prompt and --input-ids");
        });
        command.SetInterruptibleAction((parse, cancel) => CommandErrors.Run(parse, output =>
        {
            var folder = parse.GetRequiredValue(model).FullName;
            var idText = parse.GetValue(inputIds);
            var ids = idText is null ? null : ParseIds(idText);
            var logitsFile = parse.GetValue(logitsOut)?.FullName;
            if (logitsFile is not null && !Directory.Exists(Path.GetDirectoryName(logitsFile)))
                throw new UsageException(
                    $"--logits-out {logitsFile}: the folder {Path.GetDirectoryName(logitsFile)} does not exist");

            var options = new InferenceOptions(
                TorchRuntime.ParseDevice(parse.GetRequiredValue(device)),
                ComputeDtypes.Parse(parse.GetRequiredValue(dtype)),
                parse.GetValue(threads));
            using var network = LanguageModels.Load(folder, options);
            var codec = PromptCodec.TryLoad(folder, network);
            if (ids is null)
            {
                ids = codec?.Encode(parse.GetValue(prompt)!) ?? throw new UsageException(
                    $"--prompt: {folder} has no tokenizer this version reads "
                    + $"({string.Join(", ", PromptCodec.TokenizerFileNames)} or tokenizer.json); pass --input-ids");
            }

            var result = new GreedyGenerator(network).Generate([ids],
                new GenerationOptions(parse.GetValue(maxNewTokens), KeepStepLogits: logitsFile is not null), cancel);
            if (logitsFile is not null) WriteLogits(logitsFile, folder, ids, result);
            if (codec is not null) output.WriteLine(codec.Decode(result.Tokens[0]));
            if (parse.GetValue(showIds) || codec is null) output.WriteLine(string.Join(' ', result.Tokens[0]));
        }));
        return command;
    }

    /// <summary>"5, 17,2" as ids; an empty item ("1,,2") is a mistake, not a separator to skip.</summary>
    internal static long[] ParseIds(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new UsageException("--input-ids is empty: give comma-separated token ids, e.g. 5,17,2");
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        var ids = new long[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (!long.TryParse(items[i], NumberStyles.None, CultureInfo.InvariantCulture, out ids[i]))
                throw new UsageException(items[i].Length == 0
                    ? $"--input-ids '{text}': item {i + 1} is empty; expected comma-separated token ids, e.g. 5,17,2"
                    : $"--input-ids '{text}': item {i + 1} '{items[i]}' is not a token id (a whole number >= 0)");
        }
        return ids;
    }

    private static void WriteLogits(string path, string folder, long[] ids, GenerationResult result)
    {
        // Through a temporary sibling: a full disk or an error mid-way leaves no truncated JSON behind.
        try { AtomicFile.Write(path, stream => StepLogitsJson.Write(stream, folder, [ids], result)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The OS names the temporary sibling; the user knows only the file they asked for.
            var reason = System.Text.RegularExpressions.Regex.Replace(e.Message, @"\.tmp-\d+-[0-9a-f]{32}", "");
            throw new UsageException($"--logits-out {path}: cannot write it: {reason}");
        }
    }
}
