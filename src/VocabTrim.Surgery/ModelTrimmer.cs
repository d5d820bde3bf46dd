using System.Text.Json.Nodes;
using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Sharding;
using VocabTrim.Common;
using VocabTrim.Selection;
using VocabTrim.Surgery.Tokenizers;
using VocabTrim.Tokenizers;

namespace VocabTrim.Surgery;

/// <summary>
/// Trims a Hugging Face model folder of any family in <see cref="Inference.Families.ModelFamilies"/> to a keep list:
/// every vocabulary-sized tensor cut to the kept rows in keep-list order (new id i = old id <c>kept[i]</c>), everything
/// else copied byte for byte, config ids remapped, tokenizer trimmed. Streams tensor by tensor and writes through a
/// staging folder, so the input is never modified and a failed or cancelled run leaves no output folder.
/// </summary>
public static class ModelTrimmer
{
    public const string GenerationConfig = "generation_config.json";

    /// <param name="recordedKeepListPath">
    /// The keep list's path as vocabtrim.json should record it, when it differs from where it is read now (e.g.
    /// <c>keep.json</c> when the keep list is moved into the output folder); default: its full path.
    /// </param>
    public static ModelTrimReport Trim(string modelFolder, string keepListPath, string outputFolder,
        ModelTrimOptions? options = null,
        string? recordedKeepListPath = null)
    {
        var keep = KeepListFile.Read(keepListPath);
        var keepSha = FileDigest.Of(keepListPath).Sha256;
        return Trim(modelFolder, keep, outputFolder, options, recordedKeepListPath ?? Path.GetFullPath(keepListPath),
            keepSha);
    }


    /// <summary>
    /// Trims to an in-memory keep list; vocabtrim.json records the sha256 of the ids as a JSON array.
    /// </summary>
    public static ModelTrimReport Trim(string modelFolder, KeepList keep, string outputFolder,
        ModelTrimOptions? options = null) =>
        Trim(modelFolder, keep, outputFolder, options, null,
            FileDigest.Sha256Of(System.Text.Encoding.UTF8.GetBytes("[" + string.Join(",", keep.Ids) + "]")));

    /// <summary>
    /// Trims to an in-memory keep list that is also written as a file (the keep.json of an adapt run):
    /// vocabtrim.json records <paramref name="keepListPath"/> and <paramref name="keepListSha256"/>, the sha256 of its
    /// bytes.
    /// </summary>
    public static ModelTrimReport Trim(string modelFolder, KeepList keep, string outputFolder,
        ModelTrimOptions? options,
        string? keepListPath, string keepListSha256)
    {
        options ??= new ModelTrimOptions();
        var source = Path.GetFullPath(modelFolder);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputFolder));
        if (!Directory.Exists(source)) throw new ModelTrimException($"{source}: no such model folder");
        // Held to the end: a second trim into the same folder fails now rather than at the end, or over this one.
        // A staged output is held by whoever staged it.
        using var hold = options.OutputIsStaged ? null : OutputLock.Take(target);
        CheckFolders(source, target);
        if (KeptIds.Problem(keep.Ids, "kept") is { } problem) throw new ModelTrimException(problem);
        if (options.PadToMultiple is < 1)
            throw new ModelTrimException($"--pad-to-multiple must be a positive number, not {options.PadToMultiple}");

        var config = ModelConfig.Load(source);
        // The tokenizer goes first: a keep list made for another tokenizer is the likeliest mistake, and its
        // ids would otherwise first show up as "out of range".
        var tokenizer = TokenizerFileTrimmers.Choose(source, options.TokenizerTrimmers)?.Trim(source, keep,
            options.Tokenizer);
        if (tokenizer?.FinalKeep is { } final) keep = keep with { Ids = final };

        using var checkpoint = Checkpoint.Open(source);
        var plan = VocabularyTensorPlan.For(checkpoint, config);
        ArchitectureShapes.Check(config, checkpoint, plan.VocabularyRows);
        CheckRange(keep, keepListPath, plan.VocabularyRows, checkpoint.Location);
        var rowsAfter = options.PadToMultiple is { } m ? (keep.Ids.Count + m - 1L) / m * m : keep.Ids.Count;
        var remap = new IdRemap(keep.Ids);
        var notes = new List<string>(tokenizer?.Notes ?? []);
        if (tokenizer == null)
        {
            notes.Add("no tokenizer file (spiece.model, tokenizer.json) in the model folder: only the weights and " +
                "configs were trimmed");
            if (keep.TokenizerSha256 != null)
                notes.Add($"the keep list was made for the tokenizer with sha256 {keep.TokenizerSha256}; with no " +
                    "tokenizer here that could not be checked");
        }

        var (configJson, generation) = RemapConfigs(source, config, remap, rowsAfter, notes);
        SetTorchDtype(configJson, options.Dtype, notes);

        var weightFiles = Checkpoint.FilesOf(checkpoint);
        var sourceFiles = new List<string>(weightFiles.Select(Path.GetFileName)!) { ModelConfig.FileName };
        if (generation != null) sourceFiles.Add(GenerationConfig);
        sourceFiles.AddRange(tokenizer?.SourceFiles ?? []);
        // Hashing the originals reads them once more; done beside the slicing it costs a second core, not time.
        using var cancel = new CancellationTokenSource();
        var known = KnownDigests(source, options);
        var digests = Task.Run(() => sourceFiles.Distinct().ToDictionary(
            f => f,
            f => known.TryGetValue(f, out var digest) ? digest : FileDigest.Of(Path.Combine(source, f), cancel.Token),
            StringComparer.Ordinal));
        try
        {
            var rows = keep.Ids.Select(i => (long)i).ToArray();
            var tensors = plan.Written.Select(t => Converted(Source(checkpoint, t, rows, rowsAfter),
                options.Dtype)).ToList();
            var converted = tensors.Count(s => s is ConvertedTensorSource);
            var configBytes = ModelConfig.Serialize(configJson);
            var generationBytes = generation == null ? null : ModelConfig.Serialize(generation);
            DiskSpace.Ensure(options.FreeSpace, target, BytesToWrite(tensors,
                configBytes.Length + (generationBytes?.Length ?? 0)
                + (tokenizer?.Files.Values.Sum(f => (long)f.Length) ?? 0)));
            var sources = Observed(tensors, options);
            using var staging = options.OutputIsStaged ? null : new StagingFolder(target);
            var folder = staging?.Path ?? Directory.CreateDirectory(target).FullName;
            string Output(string name) => Path.Combine(folder, name);
            // The folder is staged either way (the caller's, or ours above), so shards go in under their names.
            var written = ShardedSafetensorsWriter.Write(folder, sources, options.MaxShardBytes, folderIsStaged: true);
            File.WriteAllBytes(Output(ModelConfig.FileName), configBytes);
            if (generationBytes != null) File.WriteAllBytes(Output(GenerationConfig), generationBytes);
            foreach (var (name, bytes) in tokenizer?.Files ?? new Dictionary<string, byte[]>())
                File.WriteAllBytes(Output(name), bytes);

            List<string> writtenFiles = [.. written.Files,
                .. written.IndexFile is { } index ? [index] : Array.Empty<string>()];
            var report = new ModelTrimReport(
                target, config.ModelType, keep.Ids.Count, plan.VocabularyRows, rowsAfter, rowsAfter - keep.Ids.Count,
                tokenizer?.PlaceholderIds ?? [], plan.Tensors,
                checkpoint.ParameterCount(), sources.Sum(s => s.Info.ElementCount),
                weightFiles.Sum(LengthOf), writtenFiles.Sum(LengthOf),
                writtenFiles.Select(f => Path.GetFileName(f)).ToList(),
                LeftOut(source, sourceFiles, tokenizer), notes, options.Dtype, converted);
            var manifest = TrimManifest.Of(report, source, digests.GetAwaiter().GetResult(), keepListPath,
                keepListSha256, keep.Ids);
            File.WriteAllBytes(Output(TrimManifest.FileName), manifest.ToBytes());
            staging?.Commit(overwrite: false);
            return report with { Manifest = manifest };
        }
        finally
        {
            // On failure, stop reading the inputs before returning: the caller may delete or replace them.
            cancel.Cancel();
            try { digests.Wait(); } catch (AggregateException) { }
        }
    }

    /// <summary>
    /// The digests already taken: the caller's, and the tokenizer file's from the bytes the caller read.
    /// </summary>
    private static Dictionary<string, FileDigest> KnownDigests(string source, ModelTrimOptions options)
    {
        var known = new Dictionary<string, FileDigest>(options.KnownDigests ?? new Dictionary<string, FileDigest>(),
            StringComparer.Ordinal);
        if (options.Tokenizer is { Bytes: { } bytes } loaded
            && string.Equals(Path.GetDirectoryName(Path.GetFullPath(loaded.Path)),
                Path.TrimEndingDirectorySeparator(source), StringComparison.Ordinal))
            known.TryAdd(Path.GetFileName(loaded.Path), new FileDigest(bytes.Length, loaded.Sha256));
        return known;
    }

    /// <summary>
    /// config.json with the new <c>vocab_size</c> and both configs' token ids remapped (null: no
    /// generation_config.json).
    /// </summary>
    private static (JsonObject Config, JsonObject? Generation) RemapConfigs(string source, ModelConfig config,
        IdRemap remap, long rowsAfter, List<string> notes)
    {
        var configJson = config.Json.DeepClone().AsObject();
        configJson["vocab_size"] = rowsAfter;
        notes.AddRange(SpecialTokenIds.Remap(configJson, remap, ModelConfig.FileName, config.Family.TokenIdKeys));
        var path = Path.Combine(source, GenerationConfig);
        if (!File.Exists(path)) return (configJson, null);
        var generation = ModelConfig.ParseObject(path);
        notes.AddRange(SpecialTokenIds.Remap(generation, remap, GenerationConfig, config.Family.TokenIdKeys));
        return (configJson, generation);
    }

    /// <summary>
    /// What the output folder will take: the tensors, each shard's header (a few hundred bytes a tensor, bounded
    /// here generously), the config and tokenizer files and vocabtrim.json. Shards and the index are written in the
    /// staging folder beside the output and renamed into place, so nothing is written twice.
    /// </summary>
    private static long BytesToWrite(IReadOnlyList<ITensorSource> tensors, long otherFiles)
    {
        const long HeaderAndIndexPerTensor = 1024, Manifest = 4L << 20;
        return tensors.Sum(t => t.Info.ByteLength) + tensors.Count * HeaderAndIndexPerTensor + otherFiles + Manifest;
    }

    private static List<ITensorSource> Observed(List<ITensorSource> sources, ModelTrimOptions options)
    {
        if (options.Progress == null && !options.Cancellation.CanBeCanceled) return sources;
        var total = sources.Sum(s => s.Info.ByteLength);
        long written = 0;
        System.Diagnostics.Stopwatch? clock = null;
        return [.. sources.Select(s => (ITensorSource)new ObservedTensorSource(s, n =>
        {
            clock ??= System.Diagnostics.Stopwatch.StartNew();
            written += n;
            options.Progress?.Report(new TrimProgress(written, total, clock.Elapsed));
        }, options.Cancellation))];
    }

    /// <summary>Floating-point tensors in the asked dtype; everything else (and <c>keep</c>) as stored.</summary>
    private static ITensorSource Converted(ITensorSource source, WeightDtype dtype) =>
        dtype.Checkpoint is { } target
            && FloatConversion.IsFloatingPoint(source.Info.Dtype)
            && source.Info.Dtype != target
            ? new ConvertedTensorSource(source, target)
            : source;

    /// <summary>
    /// config.json says what the weights are stored in: transformers loads them in that dtype under
    /// <c>torch_dtype="auto"</c>, and newer versions write the key as <c>dtype</c>, so both are set when present.
    /// </summary>
    private static void SetTorchDtype(JsonObject config, WeightDtype dtype, List<string> notes)
    {
        if (dtype == WeightDtype.Keep) return;
        var before = config["torch_dtype"]?.ToString() ?? config["dtype"]?.ToString();
        config["torch_dtype"] = dtype.Name;
        if (config.ContainsKey("dtype")) config["dtype"] = dtype.Name;
        if (before != dtype.Name)
            notes.Add($"{ModelConfig.FileName}: torch_dtype {before ?? "(not set)"} → {dtype.Name}; floating-point " +
                $"weights written in {dtype.Name}");
    }

    private static ITensorSource Source(ICheckpoint checkpoint, PlannedTensor tensor, long[] rows, long rowsAfter) =>
        tensor.Action switch
        {
            TensorAction.Copy => new CheckpointTensorSource(checkpoint, tensor.Name, tensor.OutputName),
            TensorAction.SliceRows => new VocabularyRowsTensorSource(checkpoint, tensor.Name, rows, rowsAfter,
                tensor.OutputName),
            TensorAction.SliceBiasRow => new VocabularyBiasTensorSource(checkpoint, tensor.Name, rows, rowsAfter,
                tensor.OutputName),
            _ => throw new ArgumentOutOfRangeException(nameof(tensor), tensor.Action,
                "dropped tensors are not written"),
        };

    private static void CheckFolders(string source, string target)
    {
        if (!Directory.Exists(source)) throw new ModelTrimException($"{source}: no such model folder");
        if (string.Equals(Path.TrimEndingDirectorySeparator(source), target, StringComparison.Ordinal))
            throw new ModelTrimException($"{target}: the output folder must not be the model folder; the input is " +
                "never modified");
        if (File.Exists(target) || Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new ModelTrimException($"{target}: already exists and is not empty; choose a new output folder");
    }

    private static void CheckRange(KeepList keep, string? keepListPath, long rows, string checkpoint)
    {
        for (var i = 0; i < keep.Ids.Count; i++)
            if (keep.Ids[i] >= rows)
                throw new ModelTrimException(
                    $"{keepListPath ?? "keep list"}: kept[{i}] = {keep.Ids[i]} is outside the model's vocabulary: " +
                    $"{checkpoint} has {rows} rows (ids 0–{rows - 1})");
    }

    // Through the link: model folders are often symbolic links into a download cache.
    private static long LengthOf(string path)
    {
        using var handle = File.OpenHandle(path);
        return RandomAccess.GetLength(handle);
    }

    // Tensors that share a storage (tied weights in a pickle) are one set of parameters.
    private static Dictionary<string, string> LeftOut(string source, List<string> read,
        TrimmedTokenizerFiles? tokenizer)
    {
        var leftOut = new Dictionary<string, string>(tokenizer?.LeftOut ?? new Dictionary<string, string>(),
            StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(source).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (read.Contains(name) || leftOut.ContainsKey(name)) continue;
            leftOut[name] = Checkpoint.WeightFileNames.Contains(name)
                || name.EndsWith(".safetensors", StringComparison.Ordinal)
                || name.EndsWith(".bin", StringComparison.Ordinal)
                ? "another copy of the weights; the trimmed weights are in model.safetensors"
                : "not a file vocabtrim knows how to carry over (it may hold old token ids)";
        }
        return leftOut;
    }
}
