namespace VocabTrim.Tokenizers;

public enum TokenizerFileKind
{
    /// <summary>A serialized SentencePiece <c>ModelProto</c> (<c>spiece.model</c>).</summary>
    SentencePiece,
    /// <summary>A Hugging Face <c>tokenizer.json</c>.</summary>
    HuggingFaceJson,
}
