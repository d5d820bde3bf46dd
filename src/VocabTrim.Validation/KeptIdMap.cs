using VocabTrim.Surgery;

namespace VocabTrim.Validation;

/// <summary>
/// Which original id each slim id came from (slim id i = original id <see cref="Ids"/>[i]), read from the
/// slim folder's vocabtrim.json, which <c>vocabtrim trim --model</c> writes.
/// </summary>
public sealed class KeptIdMap
{
    private readonly Dictionary<int, int> _toSlim;

    public IReadOnlyList<int> Ids { get; }

    public KeptIdMap(IReadOnlyList<int> ids)
    {
        Ids = ids;
        _toSlim = new Dictionary<int, int>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
            if (!_toSlim.TryAdd(ids[i], i))
                throw new ValidationException($"vocabtrim.json: kept id {ids[i]} appears twice in $.keep_list.ids");
    }

    public static KeptIdMap FromSlimFolder(string slimFolder) =>
        Of(ReadManifest(slimFolder), Path.Combine(slimFolder, TrimManifest.FileName));

    /// <summary>
    /// The map vocabtrim.json records, as read (<see cref="TrimManifest.Read"/>) or as trimming just made it.
    /// </summary>
    public static KeptIdMap Of(TrimManifest manifest, string path)
    {
        var ids = manifest.KeepList.Ids
            ?? throw new ValidationException(
                $"{path}: $.keep_list.ids is missing (written by an older vocabtrim? trim the model again)");
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] < 0)
                throw new ValidationException(
                    $"{path}: $.keep_list.ids[{i}]: expected a token id (a whole number >= 0), found {ids[i]}");
        }
        return new KeptIdMap(ids);
    }

    /// <summary>
    /// The slim folder's vocabtrim.json (<see cref="TrimManifest.Read"/>: a damaged one is an error naming its line
    /// and JSON path), or an error saying that the folder was not written by trimming.
    /// </summary>
    public static TrimManifest ReadManifest(string slimFolder)
    {
        var path = Path.Combine(slimFolder, TrimManifest.FileName);
        if (!File.Exists(path))
            throw new ValidationException(
                $"{path} is missing: validate compares a folder written by 'vocabtrim trim --model' with its original");
        return TrimManifest.Read(path);
    }

    public bool TryToSlim(long originalId, out int slimId) => _toSlim.TryGetValue((int)originalId, out slimId);

    /// <summary>The original ids mapped to slim ids, or null when some id was not kept.</summary>
    public int[]? ToSlim(IReadOnlyList<int> originalIds)
    {
        var result = new int[originalIds.Count];
        for (var i = 0; i < result.Length; i++)
            if (!_toSlim.TryGetValue(originalIds[i], out result[i])) return null;
        return result;
    }
}
