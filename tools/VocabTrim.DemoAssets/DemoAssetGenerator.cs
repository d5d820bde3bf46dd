using VocabTrim.Common;
using VocabTrim.Synthetic;

namespace VocabTrim.DemoAssets;

/// <summary>
/// Writes the offline demo into a repository: <c>corpora/demo/</c> (Leipzig excerpts) and <c>models/demo-mt5/</c>
/// (a random-weight mT5 with a real, trimmed mT5 tokenizer). Everything is a function of the shared data and
/// the constants here, so the output is byte-identical on every machine.
/// </summary>
public static class DemoAssetGenerator
{
    public const string ModelFolder = "models/demo-mt5";
    public const ulong Seed = 7;

    public static DemoAssetReport Generate(string sharedFolder, string outputRoot, Action<string>? log = null)
    {
        var shared = Path.GetFullPath(sharedFolder);
        string Shared(params string[] parts)
        {
            var path = Path.Combine([shared, .. parts]);
            return File.Exists(path) ? path
                : throw new DemoAssetsException(
                    $"{path}: not found; the generator reads the shared data folder (--shared, usually ../shared)");
        }
        var files = new List<string>();
        void Write(string relative, byte[] bytes)
        {
            var path = Path.Combine(outputRoot, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.Write(path, s => s.Write(bytes));
            files.Add(relative);
        }

        var samples = DemoCorpora.Files.Select(f => (f.Language, Corpus: Shared("corpora", "leipzig", f.Sample)))
            .ToList();
        var spiece = Shared("models", "mt5-derived-32k", "spiece.model");

        var excerpts = DemoCorpora.Files.ToDictionary(
            f => f.Excerpt, f => DemoCorpora.Excerpt(Shared("corpora", "leipzig", f.Sample), DemoCorpora.Lines));
        foreach (var (name, bytes) in excerpts) Write($"{DemoCorpora.Folder}/{name}", bytes);
        Write($"{DemoCorpora.Folder}/README.md", DemoCorpora.Readme(excerpts));
        log?.Invoke($"{DemoCorpora.Folder}: {excerpts.Count} excerpts of {DemoCorpora.Lines:N0} lines");

        log?.Invoke($"counting {spiece} on {string.Join(", ", samples.Select(s => Path.GetFileName(s.Corpus)))}");
        var (tokenizer, selection) = DemoTokenizer.Make(spiece, samples);
        var architecture = Mt5Architecture.Tiny(Mt5Architecture.PaddedRows(tokenizer.PieceCount));
        Write($"{ModelFolder}/spiece.model", tokenizer.ToBytes());
        foreach (var (name, bytes) in Mt5ConfigFiles.For(architecture)) Write($"{ModelFolder}/{name}", bytes);
        log?.Invoke($"{ModelFolder}: spiece.model with {tokenizer.PieceCount:N0} pieces, {architecture.VocabRows:N0} " +
                    "embedding rows");

        var weights = RandomMt5Checkpoint.Write(Path.Combine(outputRoot, ModelFolder), architecture, Seed);
        files.Add($"{ModelFolder}/{ShardedSafetensorsName(weights)}");
        var parameters = RandomMt5Checkpoint.Parameters(architecture);
        var weightBytes = new FileInfo(weights.Files[0]).Length;
        Write($"{ModelFolder}/README.md", DemoModelCard.Write(
            architecture, tokenizer.PieceCount, selection, parameters, weightBytes, Seed));
        log?.Invoke($"{ModelFolder}: {parameters:N0} random parameters, {weightBytes:N0} bytes of weights");
        return new DemoAssetReport(files, architecture, tokenizer.PieceCount, parameters);
    }

    private static string ShardedSafetensorsName(VocabTrim.Checkpoints.Sharding.WrittenCheckpoint weights) =>
        weights.Files.Count == 1 && weights.IndexFile == null
            ? Path.GetFileName(weights.Files[0])
            : throw new DemoAssetsException("the demo weights were sharded; they must fit in one model.safetensors");

}
