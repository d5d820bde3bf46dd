using System.CommandLine;
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
        var model = new Option<DirectoryInfo>("--model") { Description = "Model folder: config.json and weights (safetensors or pytorch_model.bin)", Required = true };
        var prompt = new Option<string?>("--prompt") { Description = "Text to generate from (needs the folder's tokenizer: spiece.model)" };
        var inputIds = new Option<string?>("--input-ids") { Description = "Comma-separated input ids instead of a prompt, e.g. 5,17,2 (mT5: end with eos yourself)" };
        var maxNewTokens = new Option<int>("--max-new-tokens") { Description = "Most tokens to generate", DefaultValueFactory = _ => 32 };
        var device = new Option<string>("--device") { Description = "cpu, cuda or auto", DefaultValueFactory = _ => "cpu" };
        device.AcceptOnlyFromAmong("cpu", "cuda", "auto");
        var dtype = new Option<string>("--dtype") { Description = "Compute dtype: float32, bfloat16 or float16", DefaultValueFactory = _ => "float32" };
        dtype.AcceptOnlyFromAmong("float32", "fp32", "bfloat16", "bf16", "float16", "fp16");
        var threads = new Option<int>("--threads") { Description = "CPU threads (0: libtorch's default)", DefaultValueFactory = _ => 0 };
        var showIds = new Option<bool>("--ids") { Description = "Also print the generated ids" };
        var logitsOut = new Option<FileInfo?>("--logits-out") { Description = "Write every step's full logits vector to this JSON file" };

        var command = new Command("generate", "Generate greedily from a prompt with an mT5/mT0 or BLOOM/BLOOMZ model folder.")
        {
            model, prompt, inputIds, maxNewTokens, device, dtype, threads, showIds, logitsOut,
        };
        command.WithExamples("vocabtrim generate --model out/demo --prompt \"Translate to German: Good morning.\"", "vocabtrim generate --model bloom-tiny --input-ids 5,17,2 --max-new-tokens 8 --ids --logits-out logits.json");
        command.Validators.Add(result =>
        {
            if ((result.GetValue(prompt) is null) == (result.GetValue(inputIds) is null))
                result.AddError("give exactly one of --prompt and --input-ids");
            if (result.GetValue(maxNewTokens) < 0) result.AddError("--max-new-tokens must not be negative");
        });
        command.SetInterruptibleAction((parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var folder = parse.GetRequiredValue(model).FullName;
            var options = new InferenceOptions(
                TorchRuntime.ParseDevice(parse.GetRequiredValue(device)),
                ComputeDtypes.Parse(parse.GetRequiredValue(dtype)),
                parse.GetValue(threads));
            using var network = LanguageModels.Load(folder, options);
            var codec = PromptCodec.TryLoad(folder, network);
            long[] ids;
            if (parse.GetValue(inputIds) is { } idText)
                ids = [.. idText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(long.Parse)];
            else if (codec is null)
            {
                parse.InvocationConfiguration.Error.WriteLine(
                    $"{folder} has no tokenizer this version reads ({string.Join(", ", PromptCodec.TokenizerFileNames)} or tokenizer.json); pass --input-ids");
                return 2;
            }
            else ids = codec.Encode(parse.GetValue(prompt)!);

            var keepLogits = parse.GetValue(logitsOut) is not null;
            var result = new GreedyGenerator(network).Generate([ids],
                new GenerationOptions(parse.GetValue(maxNewTokens), KeepStepLogits: keepLogits), cancel);
            if (codec is not null) output.WriteLine(codec.Decode(result.Tokens[0]));
            if (parse.GetValue(showIds) || codec is null) output.WriteLine(string.Join(' ', result.Tokens[0]));
            if (parse.GetValue(logitsOut) is { } file)
            {
                using var stream = file.Create();
                StepLogitsJson.Write(stream, folder, [ids], result);
            }
            return 0;
        });
        return command;
    }
}
