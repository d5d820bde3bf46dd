namespace VocabTrim.Surgery;

/// <summary>Old token id to new token id under a keep list (new id i = old id <c>kept[i]</c>).</summary>
public sealed class IdRemap
{
    private readonly Dictionary<int, int> _newIds;

    public IdRemap(IReadOnlyList<int> kept)
    {
        _newIds = new Dictionary<int, int>(kept.Count);
        for (var i = 0; i < kept.Count; i++) _newIds[kept[i]] = i;
    }

    public bool TryMap(int oldId, out int newId) => _newIds.TryGetValue(oldId, out newId);

    /// <summary>
    /// The new id of <paramref name="oldId"/>, or an error naming the setting (<paramref name="where"/>) that needs it.
    /// </summary>
    public int Map(int oldId, string where) =>
        _newIds.TryGetValue(oldId, out var id)
            ? id
            : throw new ModelTrimException($"{where} is {oldId}, which the keep list drops; add {oldId} to the keep " +
                "list");
}
