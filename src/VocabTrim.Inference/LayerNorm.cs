using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace VocabTrim.Inference;

/// <summary>Standard layer norm with gain and bias (BLOOM's norms; T5 uses <see cref="Mt5.T5LayerNorm"/>).</summary>
public sealed class LayerNorm(Tensor weight /* [hidden] */, Tensor bias /* [hidden] */, double epsilon)
{
    public Tensor Forward(Tensor x /* [batch, seq, hidden] */) =>
        layer_norm(x, [weight.shape[0]], weight, bias, epsilon);
}
