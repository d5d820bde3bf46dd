using System.Runtime.InteropServices;

namespace VocabTrim.Inference.Cpu;

/// <summary>Native float32 scratch memory for a fused step's activations: 64-byte aligned, freed on dispose.</summary>
internal sealed unsafe class ScratchBuffer(long floats) : IDisposable
{
    public float* Pointer { get; private set; } =
        (float*)NativeMemory.AlignedAlloc((nuint)Math.Max(1, floats) * sizeof(float), 64);

    public void Dispose()
    {
        if (Pointer == null) return;
        NativeMemory.AlignedFree(Pointer);
        Pointer = null;
    }
}
