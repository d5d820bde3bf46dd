using System.Diagnostics;

namespace VocabTrim.Inference.Cpu;

/// <summary>
/// A team of its own: the calling thread plus <c>Size - 1</c> .NET threads that stay awake between a fused
/// decoding step's ~65 parallel parts. It is the fallback where libtorch's OpenMP threads cannot be borrowed
/// (<see cref="OpenMpTeam"/>): beside them, these workers compete for the cores with OpenMP workers that spin
/// after each libtorch op. Handing work to .NET's thread pool costs a wake-up per part (tens of
/// microseconds, a large share of a decoding step); here a worker spins on a counter, so a part starts within
/// about a microsecond. A worker that sees no work for <see cref="IdleSpin"/> sleeps on an event, so a team
/// between generations (or between a validation's sentences) costs no CPU.
/// </summary>
internal sealed class ThreadTeam : ITeam
{
    private static readonly long IdleSpin = Stopwatch.Frequency / 2000; // 0.5 ms

    private readonly Thread[] _workers;
    private readonly ManualResetEventSlim[] _wake;
    private readonly int[] _sleeping;
    private TeamJob? _job;
    private int _generation;       // bumped once per job; workers run each generation once
    private int _pending;          // workers still running the current job
    private volatile bool _stopping;
    private Exception? _failure;

    /// <param name="size">Threads wanted; at most one per processor, since spinning workers that share a core
    /// would take turns instead of working.</param>
    public ThreadTeam(int size)
    {
        Size = Math.Clamp(size, 1, Environment.ProcessorCount);
        _workers = new Thread[Size - 1];
        _wake = new ManualResetEventSlim[Size - 1];
        _sleeping = new int[Size - 1];
        for (var i = 0; i < _workers.Length; i++)
        {
            _wake[i] = new ManualResetEventSlim(false);
            var part = i + 1;
            _workers[i] = new Thread(() => Work(part)) { IsBackground = true, Name = $"vocabtrim step {part}" };
            _workers[i].Start();
        }
    }

    /// <summary>Threads that run a job's parts, the caller included.</summary>
    public int Size { get; }

    /// <summary>
    /// Runs <c>job.Run(part, Size)</c> for every part, part 0 on this thread; returns when all are done.
    /// </summary>
    public void Run(TeamJob job)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (Size == 1)
        {
            job.Run(0, 1);
            return;
        }
        _job = job;
        Volatile.Write(ref _pending, Size - 1);
        Interlocked.Increment(ref _generation);   // a full fence: the job and the count are visible before the bump
        for (var i = 0; i < _sleeping.Length; i++)
            if (Volatile.Read(ref _sleeping[i]) == 1) _wake[i].Set();
        Exception? own = null;
        try { job.Run(0, Size); }
        catch (Exception e) { own = e; }
        var spin = new SpinWait();
        while (Volatile.Read(ref _pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
        _job = null;
        var failure = own ?? Interlocked.Exchange(ref _failure, null);
        if (failure is not null) throw new AggregateException("a part of a team job failed", failure);
    }

    private void Work(int part)
    {
        var slot = part - 1;
        var seen = 0;
        while (true)
        {
            var idleSince = Stopwatch.GetTimestamp();
            var spin = new SpinWait();
            while (Volatile.Read(ref _generation) == seen && !_stopping)
            {
                if (Stopwatch.GetTimestamp() - idleSince < IdleSpin)
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                // Dekker-style handshake with Run: either Run sees the flag and sets the event, or this
                // thread sees the new generation after raising the flag, and does not wait.
                _wake[slot].Reset();
                Interlocked.Exchange(ref _sleeping[slot], 1);
                if (Volatile.Read(ref _generation) == seen && !_stopping) _wake[slot].Wait();
                Volatile.Write(ref _sleeping[slot], 0);
                idleSince = Stopwatch.GetTimestamp();
            }
            if (_stopping) return;
            seen = Volatile.Read(ref _generation);
            try { _job!.Run(part, Size); }
            catch (Exception e) { Interlocked.CompareExchange(ref _failure, e, null); }
            Interlocked.Decrement(ref _pending);
        }
    }

    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        foreach (var wake in _wake) wake.Set();
        foreach (var worker in _workers) worker.Join();
        foreach (var wake in _wake) wake.Dispose();
    }
}
