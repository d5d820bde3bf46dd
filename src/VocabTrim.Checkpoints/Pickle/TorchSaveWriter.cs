namespace VocabTrim.Checkpoints.Pickle;

/// <summary>
/// Writes a <c>pytorch_model.bin</c> as torch.save (PyTorch 2.x) does for a state dict: <c>archive/data.pkl</c>,
/// <c>archive/byteorder</c>, one stored <c>archive/data/N</c> per storage and <c>archive/version</c>, Zip64 past
/// 4 GB. Tensors are streamed from their sources; the file appears under its name only once complete.
/// </summary>
public static class TorchSaveWriter
{
    private const string Prefix = "archive";

    /// <param name="tensors">Each gets a storage of its own, in the given (state-dict) order.</param>
    /// <param name="aliases">
    /// Names that view another tensor's storage (alias → tensor of <paramref name="tensors"/>): tied weights as an
    /// older transformers saved them, e.g. <c>encoder.embed_tokens.weight</c> → <c>shared.weight</c>. Each alias
    /// follows its tensor in the state dict.
    /// </param>
    /// <param name="folderIsStaged">Written under its name, not through a temporary (<see cref="WeightFile"/>).</param>
    public static void Write(string path, IEnumerable<ITensorSource> tensors,
        IReadOnlyDictionary<string, string>? aliases = null, bool folderIsStaged = false) =>
        Write(path, tensors, aliases, forceZip64: false, folderIsStaged);

    internal static void Write(string path, IEnumerable<ITensorSource> tensors,
        IReadOnlyDictionary<string, string>? aliases, bool forceZip64, bool folderIsStaged = false)
    {
        var sources = tensors.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in sources)
            if (!names.Add(s.Info.Name))
                throw new ArgumentException($"tensor '{s.Info.Name}' is given twice", nameof(tensors));
        aliases ??= new Dictionary<string, string>();
        foreach (var (alias, target) in aliases)
        {
            if (!names.Contains(target))
                throw new ArgumentException($"alias '{alias}' names '{target}', which is not among the tensors",
                    nameof(aliases));
            if (names.Contains(alias))
                throw new ArgumentException($"alias '{alias}' is also a tensor", nameof(aliases));
        }
        var entries = new List<StateDictPickle.Entry>();
        for (var i = 0; i < sources.Count; i++)
        {
            var info = sources[i].Info;
            var key = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            entries.Add(new(info.Name, key, info.Dtype, info.Shape));
            foreach (var (alias, _) in aliases.Where(a => a.Value == info.Name).OrderBy(a => a.Key,
                StringComparer.Ordinal))
                entries.Add(new(alias, key, info.Dtype, info.Shape));
        }
        var pickle = StateDictPickle.Serialize(entries);
        WeightFile.Write(path, folderIsStaged, stream =>
        {
            var zip = new StoredZipWriter(stream, forceZip64);
            zip.Add($"{Prefix}/data.pkl", pickle);
            zip.Add($"{Prefix}/byteorder", "little"u8.ToArray());
            for (var i = 0; i < sources.Count; i++)
                zip.Add($"{Prefix}/data/{i}", sources[i].Info.ByteLength, sources[i].WriteTo);
            zip.Add($"{Prefix}/version", "3\n"u8.ToArray());
            zip.Finish();
        });
    }
}
