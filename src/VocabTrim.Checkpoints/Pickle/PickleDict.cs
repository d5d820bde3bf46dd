namespace VocabTrim.Checkpoints.Pickle;

/// <summary>A Python dict or OrderedDict rebuilt from a pickle: key/value pairs in insertion order.</summary>
internal sealed class PickleDict
{
    private readonly List<KeyValuePair<object?, object?>> _items = [];

    public IReadOnlyList<KeyValuePair<object?, object?>> Items => _items;

    /// <summary>Python semantics: setting an existing key replaces its value in place.</summary>
    public void Set(object? key, object? value)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (Equals(_items[i].Key, key))
            {
                _items[i] = new(key, value);
                return;
            }
        }
        _items.Add(new(key, value));
    }
}
