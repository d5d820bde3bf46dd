using VocabTrim.Checkpoints.Sharding;
using System.CommandLine;
using VocabTrim.Checkpoints;
using VocabTrim.Common;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Cli;

/// <summary>
/// <c>vocabtrim trim</c>: cuts a SentencePiece tokenizer (<c>--tokenizer</c>) or a whole Hugging Face model folder
/// (<c>--model</c>: weights, configs and tokenizer) down to a keep list.
/// </summary>
public static class TrimCommand
{
    public const string ModelFile = "spiece.model";

    public static Command Create()
    {
        var tokenizer = new Option<string?>("--tokenizer")
        {
            Description = "The SentencePiece model (spiece.model) to trim on its own.",
        };
        var model = new Option<string?>("--model")
        {
            Description =
                "A Hugging Face model folder (mT5/mT0 or BLOOM/BLOOMZ) to trim: weights, config.json, tokenizer.",
        };
        var keep = new Option<string>("--keep")
        {
            Description =
                "The keep list: keep.json from vocabtrim select, or a JSON array of ids (new id i = old id kept[i]).",
            Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "The folder to write the trimmed tokenizer or model into.",
            Required = true,
        };
        var padTo = new Option<int?>("--pad-to-multiple")
        {
            Description = "With --model: pad the vocabulary matrices with zero rows up to a multiple of this.",
        };
        var maxShard = new Option<string?>("--max-shard-size")
        {
            Description = "With --model: largest weight file before sharding, e.g. 5GB (the default) or 500MB.",
        };

        var dtype = new Option<string?>("--dtype")
        {
            Description =
                "With --model: write floating-point weights as keep (as stored, the default), float32, float16 "
                + "or bfloat16.",
        };
        dtype.AcceptOnlyFromAmong([.. WeightDtypes.Names]);
        var force = new Option<bool>("--force")
        {
            Description = "With --tokenizer: replace the spiece.model already in the output folder.",
        };

        var command = new Command("trim", "Cut the tokenizer, or a whole model, down to a keep list.")
        {
            tokenizer, model, keep, output, padTo, maxShard, dtype, force,
        };
        command.WithExamples("vocabtrim trim --model mt0-small --keep keep.json --out mt0-small-en-de",
            "vocabtrim trim --tokenizer spiece.model --keep keep.json --out slim-tokenizer",
            "vocabtrim trim --model mt0-small --keep keep.json --out mt0-small-en-de-bf16 --dtype bfloat16");
        command.SetInterruptibleAction((parseResult, cancel) => CommandErrors.Run(parseResult, stdout =>
        {
            var tokenizerPath = parseResult.GetValue(tokenizer);
            var modelPath = parseResult.GetValue(model);
            if ((tokenizerPath == null) == (modelPath == null))
                throw new UsageException("give either --tokenizer spiece.model or --model FOLDER");
            var keepPath = parseResult.GetRequiredValue(keep);
            var outputFolder = parseResult.GetRequiredValue(output);
            if (modelPath != null)
            {
                var options = new ModelTrimOptions
                {
                    PadToMultiple = parseResult.GetValue(padTo),
                    Dtype = WeightDtypes.Parse(parseResult.GetValue(dtype) ?? "keep"),
                    Progress = new TrimProgressLines(parseResult.InvocationConfiguration.Error),
                    Cancellation = cancel,
                };
                if (parseResult.GetValue(force))
                    throw new UsageException(
                        "--force applies to --tokenizer only: a model is written only into a new or empty folder");
                if (parseResult.GetValue(maxShard) is { } size)
                    options = options with { MaxShardBytes = ParseSize(size) };
                RunModel(modelPath, keepPath, outputFolder, options, stdout);
            }
            else
            {
                if (parseResult.GetValue(padTo) != null || parseResult.GetValue(maxShard) != null
                    || parseResult.GetValue(dtype) != null)
                    throw new UsageException("--pad-to-multiple, --max-shard-size and --dtype apply to --model only");
                RunTokenizer(tokenizerPath!, keepPath, outputFolder, parseResult.GetValue(force), stdout);
            }
        }));
        return command;
    }

    private static long ParseSize(string size)
    {
        try { return ByteSize.Parse(size); }
        catch (FormatException e) { throw new UsageException($"--max-shard-size: {e.Message}"); }
    }

    private static void RunModel(string modelFolder, string keepPath, string outputFolder, ModelTrimOptions options,
        TextWriter stdout)
    {
        var report = ModelTrimmer.Trim(modelFolder, keepPath, outputFolder, options);
        stdout.WriteLine($"{report.ModelType}: kept {report.Kept:N0} of {report.RowsBefore:N0} vocabulary rows");
        if (report.PaddingRowsAdded > 0)
            stdout.WriteLine(
                $"padded with {report.PaddingRowsAdded:N0} zero rows to {report.RowsAfter:N0} (--pad-to-multiple "
                + $"{options.PadToMultiple})");
        if (report.PlaceholderIds.Count > 0)
            stdout.WriteLine(
                $"{report.PlaceholderIds.Count} kept ids are beyond the tokenizer's pieces (checkpoint padding rows) "
                + $"and got unused placeholder pieces: {string.Join(", ", report.PlaceholderIds)}");
        foreach (var t in report.Tensors)
        {
            if (t.Action is TensorAction.SliceRows or TensorAction.SliceBiasRow)
                stdout.WriteLine($"sliced {t.Name}{(t.OutputName != t.Name ? $" (written as {t.OutputName})" : "")}");
            else if (t.Action == TensorAction.Drop) stdout.WriteLine($"dropped {t.Name}: {t.Reason}");
        }
        foreach (var note in report.Notes) stdout.WriteLine(note);
        foreach (var (name, why) in report.LeftOut) stdout.WriteLine($"left out {name}: {why}");
        if (report.ConvertedTensors > 0)
            stdout.WriteLine($"wrote {report.ConvertedTensors} floating-point tensors in {report.Dtype.Name}");
        stdout.WriteLine($"parameters {report.ParametersBefore:N0} → {report.ParametersAfter:N0}, " +
            $"weights {report.BytesBefore:N0} → {report.BytesAfter:N0} bytes");
        stdout.WriteLine($"wrote {report.OutputFolder}");
    }

    private static void RunTokenizer(string tokenizerPath, string keepPath, string outputFolder, bool force,
        TextWriter stdout)
    {
        using var hold = OutputLock.Take(outputFolder);
        var target = Path.Combine(Path.GetFullPath(outputFolder), ModelFile);
        if (!force && File.Exists(target)) throw new OutputExistsException(target);
        var model = SentencePieceModel.Load(tokenizerPath);
        var keep = KeepListFile.Read(keepPath);
        if (keep.TokenizerSha256 == null)
            stdout.WriteLine(
                $"note: {keepPath} does not say which tokenizer it was made for; it is taken as made for "
                + $"{tokenizerPath}");
        var trimmed = SentencePieceTrimmer.Trim(model, keep.Ids, keep.TokenizerSha256);

        using (var staging = new StagingFolder(outputFolder))
        {
            File.WriteAllBytes(staging.File(ModelFile), trimmed.Model.ToBytes());
            staging.Commit(overwrite: force);
        }

        stdout.WriteLine($"kept {keep.Ids.Count:N0} of {model.PieceCount:N0} pieces");
        if (trimmed.PlaceholderIds.Count > 0)
            stdout.WriteLine(
                $"{trimmed.PlaceholderIds.Count} kept ids are beyond the tokenizer's pieces (checkpoint padding rows) "
                + $"and got unused placeholder pieces: {string.Join(", ", trimmed.PlaceholderIds)}");
        foreach (var moved in trimmed.RemappedSpecialIds) stdout.WriteLine($"trainer_spec {moved}");
        if (trimmed.DroppedSelfTestSamples > 0)
            stdout.WriteLine($"dropped {trimmed.DroppedSelfTestSamples} self-test samples that use dropped pieces");
        stdout.WriteLine($"wrote {Path.Combine(Path.GetFullPath(outputFolder), ModelFile)}");
    }
}
