using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference;

/// <summary>
/// The two vocabulary-sized ends of every family's network, used alike by all: the input embedding the stack starts
/// from and the LM head it ends in. Tied, they are one tensor (the head's weight, whose rows are the embeddings).
/// </summary>
internal sealed class EmbeddingAndHead(Tensor embeddings /* [vocab, hidden] */, Tensor headWeight /* [vocab, hidden] */)
{
    private readonly Linear _head = new(headWeight, null);

    /// <summary>The LM head's weight [vocab, hidden] (the input embedding when tied).</summary>
    public Tensor HeadWeight => _head.Weight;

    /// <summary>The input embedding [vocab, hidden].</summary>
    public Tensor EmbeddingWeight => embeddings;

    /// <summary>
    /// The embedding rows of <paramref name="ids"/> [batch, seq]: [batch, seq, <paramref name="width"/>].
    /// </summary>
    public Tensor Embed(Tensor ids, long width) =>
        embeddings.index_select(0, ids.flatten()).reshape(ids.shape[0], ids.shape[1], width);

    /// <summary>
    /// The end of a forward pass, from the final norm's output <paramref name="x"/> [batch, new, hidden]: it joins
    /// <paramref name="hiddenStates"/> as the last one (see <see cref="KeepHiddenStates"/>), is multiplied by
    /// <paramref name="scale"/> (mT5's tied head), and gives float32 logits [batch, new, vocab], or [batch, 1, vocab]
    /// with <paramref name="lastPositionOnly"/>. <paramref name="headInput"/>, when given, receives what the head
    /// multiplies at the last position: [batch, hidden], owned by the caller.
    /// </summary>
    public Tensor Logits(Tensor x, List<Tensor>? hiddenStates, int first, Tensor[]? headInput,
        bool lastPositionOnly = false, double scale = 1)
    {
        KeepHiddenStates(hiddenStates, x, first);
        if (scale != 1) x = x * scale;
        var added = x.shape[1];
        if (headInput is not null) headInput[0] = x.select(1, added - 1).DetachFromDisposeScope();
        if (lastPositionOnly) x = x.narrow(1, added - 1, 1);                     // [batch, 1, hidden]
        return DecodingHead.Logits(x, _head).to(ScalarType.Float32);              // [batch, new or 1, vocab]
    }

    /// <summary>
    /// Records <paramref name="last"/> as the last of <paramref name="states"/> (transformers' hidden_states end in
    /// the final norm's output) and hands the caller every state from <paramref name="first"/> on: recorded inside
    /// a dispose scope, they must outlive it.
    /// </summary>
    public static void KeepHiddenStates(List<Tensor>? states, Tensor last, int first)
    {
        if (states is null) return;
        states.Add(last.alias());
        for (var i = first; i < states.Count; i++) states[i].MoveToOuterDisposeScope();
    }
}
