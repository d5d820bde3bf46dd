using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Generation;

/// <summary>
/// Keys and values of the positions seen so far, per layer, for incremental decoding: each step computes
/// attention for its new positions only. The buffers are allocated once for the whole generation
/// (prompt + new tokens), so a step writes its slice in place instead of concatenating.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor[] _keys;   // per layer: [batch, heads, capacity, head_dim]
    private readonly Tensor[] _values; // per layer: [batch, heads, capacity, head_dim]

    public KvCache(int layers, long batch, long heads, long capacity, long headDim, ScalarType dtype, Device device)
    {
        Capacity = capacity;
        _keys = new Tensor[layers];
        _values = new Tensor[layers];
        for (var i = 0; i < layers; i++)
        {
            _keys[i] = zeros([batch, heads, capacity, headDim], dtype, device).DetachFromDisposeScope();
            _values[i] = zeros([batch, heads, capacity, headDim], dtype, device).DetachFromDisposeScope();
        }
    }

    public long Capacity { get; }

    /// <summary>Layer <paramref name="layer"/>'s whole key buffer: [batch, heads, capacity, head_dim].</summary>
    internal Tensor KeyBuffer(int layer) => _keys[layer];

    /// <summary>Layer <paramref name="layer"/>'s whole value buffer: [batch, heads, capacity, head_dim].</summary>
    internal Tensor ValueBuffer(int layer) => _values[layer];

    /// <summary>Positions stored, for every layer (advanced by <see cref="Commit"/> after all layers ran).</summary>
    public long Length { get; private set; }

    /// <summary>
    /// Stores <paramref name="keys"/>/<paramref name="values"/> [batch, heads, new, head_dim] of layer
    /// <paramref name="layer"/> after the committed positions, and returns views of all positions so far:
    /// 2 × [batch, heads, Length + new, head_dim].
    /// </summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        var added = keys.shape[2];
        if (Length + added > Capacity)
            throw new InvalidOperationException($"KV cache full: {Length} + {added} positions exceed its capacity " +
                $"{Capacity}");
        using (var slot = _keys[layer].narrow(2, Length, added)) slot.copy_(keys);
        using (var slot = _values[layer].narrow(2, Length, added)) slot.copy_(values);
        return (_keys[layer].narrow(2, 0, Length + added), _values[layer].narrow(2, 0, Length + added));
    }

    /// <summary>Marks <paramref name="added"/> positions as stored, once every layer has appended them.</summary>
    public void Commit(long added) => Length += added;

    public void Dispose()
    {
        foreach (var t in _keys) t.Dispose();
        foreach (var t in _values) t.Dispose();
    }
}
