using VocabTrim.Inference.Mt5;

namespace VocabTrim.Inference.Cpu;

/// <summary>
/// <see cref="GateActivation.Gate"/> over <see cref="Count"/> floats, each part of a team taking its own range.
/// </summary>
internal sealed unsafe class GateJob : TeamJob
{
    public float* A;          // [Count]: the activation's input
    public float* B;          // [Count]: the gate, or null (an ungated feed-forward)
    public float* G;          // [Count]
    public long Count;
    public FeedForwardActivation Activation;

    public override void Run(int part, int parts)
    {
        var (first, end) = Share(Count, part, parts, grain: 8);
        GateActivation.Gate(A + first, B is null ? null : B + first, G + first, end - first, Activation);
    }
}
