namespace VocabTrim.Tokenizers.Bpe;

/// <summary>How <see cref="BpeTrimmer"/> makes a kept set closed under the merges that build its tokens.</summary>
public enum BpeClosure
{
    /// <summary>
    /// Add the missing parts (recursively). The default: every token selection asked for survives and
    /// text encodes exactly as before wherever the original ids were kept; the price is a few extra
    /// rows, and the parts added are prefixes of frequent tokens, so rarely useless.
    /// </summary>
    AddMissingParts,
    /// <summary>
    /// Drop every kept token that some merge builds from a part that is not kept (recursively). The
    /// vocabulary never grows beyond the request, but tokens selection wanted can disappear.
    /// </summary>
    DropUnbuildable,
}
