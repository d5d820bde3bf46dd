using static TorchSharp.torch;

namespace VocabTrim.Inference;

/// <summary>
/// A decoding step's threads belong to its own products (<see cref="FewRowProduct"/> on the libtorch path, the
/// <see cref="Cpu.ITeam"/> of <see cref="Mt5.Mt5CpuStep"/>): they are nearly all of the step's work, and
/// libtorch's own ops in the step are too small to share. Running libtorch's OpenMP
/// team alongside the product's .NET threads oversubscribes the cores: an idle OpenMP worker spins for
/// milliseconds after each parallel op, so the product's second thread waits for a time slice (measured:
/// a 15 ms step became 200 ms). During the scope libtorch runs single-threaded and the product uses the
/// thread count libtorch had; disposing restores it. The greedy loop holds one scope over all its steps, so
/// that libtorch's thread count (which also resizes its thread pools) changes twice per generation, not per step.
/// </summary>
internal readonly struct DecodingThreads : IDisposable
{
    private readonly int _threads;

    private DecodingThreads(int threads) => _threads = threads;

    /// <summary>Enters a scope; inside another one (a generation loop around its steps) it changes nothing.</summary>
    public static DecodingThreads Enter()
    {
        if (FewRowProduct.Threads > 0) return new DecodingThreads(0);
        var threads = get_num_threads();
        if (threads > 1) set_num_threads(1);
        FewRowProduct.Threads = threads;
        return new DecodingThreads(threads);
    }

    public void Dispose()
    {
        if (_threads == 0) return;
        FewRowProduct.Threads = 0;
        if (_threads > 1) set_num_threads(_threads);
    }
}
