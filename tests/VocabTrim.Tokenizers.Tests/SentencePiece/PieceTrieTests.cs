using System.Text;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Tokenizers.Tests.SentencePiece;

public class PieceTrieTests
{
    [Fact]
    public void Every_piece_of_a_real_model_is_found_with_its_id_and_nothing_else_is()
    {
        var model = SentencePieceModel.Load(SharedData.Mt5Derived32k);
        var keys = model.Proto.Pieces.Select((p, id) => (Key: Encoding.UTF8.GetBytes(p.Piece), Id: id)).ToList();
        var trie = PieceTrie.Build(keys);
        var known = keys.ToDictionary(k => Convert.ToHexString(k.Key), k => k.Id);

        foreach (var (key, id) in keys)
        {
            trie.LongestPrefix(key, out var found).Should().Be(key.Length);
            found.Should().Be(id);
        }
        // Every prefix of every key: found exactly when it is itself a key.
        foreach (var (key, _) in keys.Take(5000))
            for (var length = 1; length < key.Length; length++)
            {
                var state = PieceTrie.Root;
                for (var i = 0; i < length && state >= 0; i++) state = trie.Next(state, key[i]);
                state.Should().BeGreaterThanOrEqualTo(0, "every prefix of a key is a path in the trie");
                var isKey = known.TryGetValue(Convert.ToHexString(key, 0, length), out var prefixId);
                trie.ValueAt(state).Should().Be(isKey ? prefixId : -1);
            }
        trie.LongestPrefix("\u0001\u0002 not a piece"u8, out _).Should().Be(0);
    }

    [Fact]
    public void Duplicate_keys_are_refused()
    {
        var act = () => PieceTrie.Build([("ab"u8.ToArray(), 1), ("ab"u8.ToArray(), 2)]);
        act.Should().Throw<ArgumentException>().WithMessage("*duplicate*");
    }
}
