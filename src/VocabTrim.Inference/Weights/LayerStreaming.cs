using System.Diagnostics;

namespace VocabTrim.Inference.Weights;

/// <summary>
/// Runs a model with its layers' weights read from the checkpoint just before each layer runs, into one set of
/// buffers per stack (encoder, decoder, BLOOM's blocks) that every layer of that stack shares: memory then holds
/// one layer per stack, the vocabulary matrices and the activations, whatever the depth of the model. Each pass
/// over a stack reads its weights once more (from the page cache while they fit, else from disk), so a run does
/// best with the whole batch going through each layer at once. Layers also report here as they start, so a long
/// run can show progress and stop between layers when <see cref="Cancellation"/> fires.
/// </summary>
public sealed class LayerStreaming
{
    private readonly Stopwatch _reading = new();
    private readonly Dictionary<string, long> _stackBytes = [];
    private readonly Dictionary<string, int> _stackLayers = [];

    public CancellationToken Cancellation { get; init; }

    /// <summary>Called as layer <c>index</c> of <c>stack</c> is about to run, after its weights are in place.</summary>
    public Action<string, int>? LayerStarting { get; init; }

    /// <summary>Time spent reading and converting layer weights into the buffers.</summary>
    public TimeSpan ReadTime => _reading.Elapsed;

    /// <summary>Bytes of layer weights read from the checkpoint so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Layer passes whose weights were read (a layer already in its buffers is not read again).</summary>
    public long LayersRead { get; private set; }

    /// <summary>Bytes of every layer's weights per stack, as stored: what one pass over that stack reads.</summary>
    public IReadOnlyDictionary<string, long> StackBytes => _stackBytes;

    /// <summary>Layers per stack.</summary>
    public IReadOnlyDictionary<string, int> StackLayers => _stackLayers;

    internal void AddLayerBytes(string stack, long bytes) =>
        _stackBytes[stack] = _stackBytes.GetValueOrDefault(stack) + bytes;

    internal void AddLayer(string stack) => _stackLayers[stack] = _stackLayers.GetValueOrDefault(stack) + 1;

    internal void Reading(Action read, long bytes)
    {
        _reading.Start();
        try { read(); }
        finally { _reading.Stop(); }
        BytesRead += bytes;
        LayersRead++;
    }
}
