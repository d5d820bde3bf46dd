namespace VocabTrim.Inference.Mt5;

/// <summary>The feed-forward nonlinearities T5-family configs name in <c>dense_act_fn</c>.</summary>
public enum FeedForwardActivation
{
    Relu,
    /// <summary>gelu with erf, as torch's default.</summary>
    Gelu,
    /// <summary>gelu_new / gelu_pytorch_tanh: the tanh approximation mT5 and mT0 use.</summary>
    GeluTanh,
    Silu,
}
