using TorchSharp;
using VocabTrim.Inference.Generation;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Bloom;

/// <summary>One BLOOM layer: pre-norm attention and pre-norm MLP, each with its residual.</summary>
public sealed class BloomBlock(
    LayerNorm inputNorm, BloomAttention attention, LayerNorm postAttentionNorm, BloomMlp mlp, bool residualAfterNorm)
{
    public Tensor Forward(Tensor x /* [batch, new, hidden] */, Tensor alibi, Tensor blocked, KvCache cache, int layer)
    {
        using var scope = NewDisposeScope();
        var normed = inputNorm.Forward(x);
        var attended = attention.Forward(normed, residualAfterNorm ? normed : x, alibi, blocked, cache, layer);
        var normed2 = postAttentionNorm.Forward(attended);
        return scope.MoveToOuter(mlp.Forward(normed2, residualAfterNorm ? normed2 : attended)); // [batch, new, hidden]
    }
}
