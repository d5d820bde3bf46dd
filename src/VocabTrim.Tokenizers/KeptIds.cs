namespace VocabTrim.Tokenizers;

/// <summary>The rules every keep list obeys, whether read from a file or made in memory.</summary>
public static class KeptIds
{
    /// <summary>
    /// The first problem of <paramref name="ids"/> (empty, negative or repeated id), naming entries as
    /// <paramref name="name"/>[i]; null when there is none.
    /// </summary>
    public static string? Problem(IReadOnlyList<int> ids, string name)
    {
        if (ids.Count == 0) return $"{name} is empty: a keep list must keep at least the unknown piece";
        var firstIndex = new Dictionary<int, int>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] < 0) return $"{name}[{i}] = {ids[i]}: ids cannot be negative";
            if (!firstIndex.TryAdd(ids[i], i))
                return $"{name}[{i}] = {ids[i]}: the id is already kept at {name}[{firstIndex[ids[i]]}]";
        }
        return null;
    }
}
