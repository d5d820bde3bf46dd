namespace VocabTrim.Checkpoints.Pickle;

/// <summary>
/// A storage a pickle refers to by persistent id <c>('storage', storage type, key, location, element count)</c>;
/// its bytes are the archive entry <c>&lt;prefix&gt;/data/&lt;key&gt;</c>.
/// </summary>
internal sealed record TorchStorage(string Key, Dtype Dtype, long ElementCount, string Location);
