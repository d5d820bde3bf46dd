namespace VocabTrim.Inference.Cpu;

/// <summary>
/// y (+)= x·Wᵀ for a step's rows of x [rows, in] and W [out, in], the outputs split between the team's parts.
/// With <see cref="Accumulate"/> the product lands on y in place: a residual connection without a separate add.
/// </summary>
internal sealed unsafe class RowProductJob : TeamJob
{
    public float* X;          // [Rows, In], row stride In
    public int Rows;
    public float* W;          // [Out, In]
    public int In;
    public long Out;
    public float* Y;          // [Rows, Out], row stride Out
    public bool Accumulate;

    public RowProductJob Set(float* x, int rows, float* w, int inDim, long outDim, float* y, bool accumulate)
    {
        X = x;
        Rows = rows;
        W = w;
        In = inDim;
        Out = outDim;
        Y = y;
        Accumulate = accumulate;
        return this;
    }

    public override void Run(int part, int parts)
    {
        var (first, end) = Share(Out, part, parts);
        RowKernels.Multiply(X, Rows, In, W, In, Y, Out, first, end, Accumulate);
    }
}
