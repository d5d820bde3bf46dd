using static TorchSharp.torch;

namespace VocabTrim.Inference;

/// <summary>
/// A decoding step's threads belong to its own products (<see cref="FewRowProduct"/> on the libtorch path, the
/// <see cref="Cpu.ITeam"/> of <see cref="Mt5.Mt5CpuStep"/>): they are nearly all of the step's work, and
/// libtorch's own ops in the step are too small to share. Where those products run on libtorch's OpenMP
/// threads (<see cref="Cpu.OpenMpRuntime.Available"/>), the scope only tells them how many threads to use.
/// Elsewhere they run on .NET threads, and running libtorch's OpenMP team alongside them oversubscribes the
/// cores: an idle OpenMP worker spins for milliseconds after each parallel op, so the product's second thread
/// waits for a time slice (a step became an order of magnitude slower). There, during the scope libtorch runs
/// single-threaded and the products use the thread count libtorch had; disposing restores it. The greedy loop
/// holds one scope over all its steps, so that libtorch's thread count (which also resizes its thread pools)
/// changes twice per generation, not per step.
/// </summary>
internal readonly struct DecodingThreads : IDisposable
{
    // 0: inside another scope; -1: libtorch's count left alone; else the count to restore
    private readonly int _threads;

    private DecodingThreads(int threads) => _threads = threads;

    /// <summary>Enters a scope; inside another one (a generation loop around its steps) it changes nothing.</summary>
    public static DecodingThreads Enter()
    {
        if (FewRowProduct.Threads > 0) return new DecodingThreads(0);
        var threads = get_num_threads();
        FewRowProduct.Threads = threads;
        if (Cpu.OpenMpRuntime.Available) return new DecodingThreads(-1);
        if (threads > 1) set_num_threads(1);
        return new DecodingThreads(threads);
    }

    public void Dispose()
    {
        if (_threads == 0) return;   // an inner scope
        FewRowProduct.Threads = 0;
        if (_threads > 1) set_num_threads(_threads);
    }
}
