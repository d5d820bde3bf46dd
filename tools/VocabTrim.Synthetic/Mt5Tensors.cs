namespace VocabTrim.Synthetic;

/// <summary>
/// The tensors of an MT5ForConditionalGeneration checkpoint as <c>save_pretrained</c> writes them — the tied
/// <c>encoder/decoder.embed_tokens.weight</c> left out, relative attention bias only in block 0 — each with
/// the init of transformers' <c>T5PreTrainedModel._init_weights</c> (factor 1.0).
/// </summary>
public static class Mt5Tensors
{
    public static IReadOnlyList<(string Name, long[] Shape, TensorInit Init)> Plan(Mt5Architecture a)
    {
        long d = a.DModel, inner = a.Heads * a.DKv, ff = a.DFf;
        // 1/√x rather than Math.Pow: sqrt is exactly rounded by IEEE 754, pow comes from the C library.
        var dStd = 1 / Math.Sqrt(d);
        var tensors = new List<(string, long[], TensorInit)>
        {
            ("shared.weight", [a.VocabRows, d], TensorInit.Normal(1.0)),
            ("lm_head.weight", [a.VocabRows, d], TensorInit.Normal(1.0)),
            ("encoder.final_layer_norm.weight", [d], NormGain),
            ("decoder.final_layer_norm.weight", [d], NormGain),
        };
        void Attention(string p, bool relativeBias)
        {
            tensors.Add(($"{p}.q.weight", [inner, d], TensorInit.Normal(1 / Math.Sqrt(d * a.DKv))));
            tensors.Add(($"{p}.k.weight", [inner, d], TensorInit.Normal(dStd)));
            tensors.Add(($"{p}.v.weight", [inner, d], TensorInit.Normal(dStd)));
            tensors.Add(($"{p}.o.weight", [d, inner], TensorInit.Normal(1 / Math.Sqrt(inner))));
            if (relativeBias)
                tensors.Add(($"{p}.relative_attention_bias.weight", [a.Buckets, a.Heads], TensorInit.Normal(dStd)));
        }
        void FeedForward(string p)
        {
            tensors.Add(($"{p}.wi_0.weight", [ff, d], TensorInit.Normal(dStd)));
            tensors.Add(($"{p}.wi_1.weight", [ff, d], TensorInit.Normal(dStd)));
            tensors.Add(($"{p}.wo.weight", [d, ff], TensorInit.Normal(1 / Math.Sqrt(ff))));
        }
        for (var i = 0; i < a.EncoderLayers; i++)
        {
            var p = $"encoder.block.{i}.layer";
            Attention($"{p}.0.SelfAttention", relativeBias: i == 0);
            tensors.Add(($"{p}.0.layer_norm.weight", [d], NormGain));
            FeedForward($"{p}.1.DenseReluDense");
            tensors.Add(($"{p}.1.layer_norm.weight", [d], NormGain));
        }
        for (var i = 0; i < a.DecoderLayers; i++)
        {
            var p = $"decoder.block.{i}.layer";
            Attention($"{p}.0.SelfAttention", relativeBias: i == 0);
            tensors.Add(($"{p}.0.layer_norm.weight", [d], NormGain));
            Attention($"{p}.1.EncDecAttention", relativeBias: false);
            tensors.Add(($"{p}.1.layer_norm.weight", [d], NormGain));
            FeedForward($"{p}.2.DenseReluDense");
            tensors.Add(($"{p}.2.layer_norm.weight", [d], NormGain));
        }
        return tensors;
    }

    // transformers sets norm gains to 1; like shared/reference, they are spread over [0.5, 1.5) so that a
    // forgotten gain changes the output.
    private static TensorInit NormGain => TensorInit.Uniform(1.0, 0.5);
}
