using TorchSharp;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Mt5;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Llama;

/// <summary>One decoder layer: x + attention(rms(x)), then h + mlp(rms(h)).</summary>
public sealed class LlamaBlock(T5LayerNorm inputNorm, LlamaAttention attention, T5LayerNorm postAttentionNorm,
    LlamaMlp mlp)
{
    public Tensor Forward(Tensor x /* [batch, new, hidden] */, Tensor cos, Tensor sin, Tensor blocked, KvCache cache,
        int layer)
    {
        using var scope = NewDisposeScope();
        var h = attention.Forward(inputNorm.Forward(x), cos, sin, blocked, cache, layer).add_(x);
        return scope.MoveToOuter(mlp.Forward(postAttentionNorm.Forward(h)).add_(h));   // [batch, new, hidden]
    }
}
