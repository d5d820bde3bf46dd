using System.Runtime.InteropServices;

namespace VocabTrim.Inference.Cpu;

/// <summary>
/// A team made of libtorch's own OpenMP threads: each run is one OpenMP parallel region (what libtorch and MKL
/// open for their ops), whose threads call back into .NET for their part. The cores have one set of workers
/// then, not two: after an encoder product the OpenMP worker that spins waiting for the next region is the one
/// that takes the next part, where a <see cref="ThreadTeam"/>'s worker had to wait for it to give up the core,
/// which slowed the first decoding steps and the start of each generation (figures in docs/performance.md).
/// </summary>
internal sealed unsafe class OpenMpTeam : ITeam
{
    private GCHandle _self;
    private TeamJob? _job;
    private Exception? _failure;

    private OpenMpTeam(int size)
    {
        Size = Math.Clamp(size, 1, Environment.ProcessorCount);
        _self = GCHandle.Alloc(this, GCHandleType.Weak);
    }

    /// <summary>A team of <paramref name="size"/> threads (at most one per processor), or null without
    /// <see cref="OpenMpRuntime.Available"/>.</summary>
    public static OpenMpTeam? TryCreate(int size) => OpenMpRuntime.Available ? new OpenMpTeam(size) : null;

    public int Size { get; }

    public void Run(TeamJob job)
    {
        ObjectDisposedException.ThrowIf(!_self.IsAllocated, this);
        if (Size == 1)
        {
            job.Run(0, 1);
            return;
        }
        _job = job;
        try { OpenMpRuntime.Parallel(&Part, (void*)GCHandle.ToIntPtr(_self), (uint)Size, 0); }
        finally { _job = null; }
        var failure = Interlocked.Exchange(ref _failure, null);
        if (failure is not null) throw new AggregateException("a part of a team job failed", failure);
    }

    // An exception must not unwind into OpenMP's frames: each part keeps the first one for Run to throw.
    [UnmanagedCallersOnly]
    private static void Part(void* self)
    {
        var team = (OpenMpTeam)GCHandle.FromIntPtr((nint)self).Target!;
        try { team._job!.Run(OpenMpRuntime.ThreadNumber(), OpenMpRuntime.ThreadCount()); }
        catch (Exception e) { Interlocked.CompareExchange(ref team._failure, e, null); }
    }

    public void Dispose()
    {
        if (_self.IsAllocated) _self.Free();
    }
}
