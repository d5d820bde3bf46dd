namespace VocabTrim.Synthetic;

/// <summary>The hyperparameters that decide a BLOOM checkpoint's tensors (tied head, ALiBi, 4·hidden MLP).</summary>
public sealed record BloomArchitecture(int VocabRows, int Hidden, int Heads, int Layers)
{
    public const int BloomVocab = 250_880;

    /// <summary>bloomz-560m: hidden 1024, 16 heads, 24 layers.</summary>
    public static BloomArchitecture Bloomz560m(int layers = 24) => new(BloomVocab, 1024, 16, layers);

    /// <summary>bloomz-7b1: hidden 4096, 32 heads, 30 layers.</summary>
    public static BloomArchitecture Bloomz7b1(int layers = 30) => new(BloomVocab, 4096, 32, layers);

    /// <summary>bloomz (176B) at its real widths — hidden 14336, 112 heads — with a few of its 70 layers.</summary>
    public static BloomArchitecture Bloomz176b(int layers = 3) => new(BloomVocab, 14336, 112, layers);

    /// <summary>The shape of shared/reference/bloom-tiny: hidden 64, 4 heads, 2 layers.</summary>
    public static BloomArchitecture Tiny(int vocabRows) => new(vocabRows, 64, 4, 2);
}
