using System.Buffers.Binary;
using System.Text;

namespace VocabTrim.Checkpoints.Tests.Support;

/// <summary>
/// Writes pickle opcodes by hand, to craft the pickles torch.save makes and the ones it must never make.
/// </summary>
internal sealed class PickleBuilder
{
    private readonly MemoryStream _out = new();

    public PickleBuilder Op(char opcode) => Op((byte)opcode);

    public PickleBuilder Op(byte opcode)
    {
        _out.WriteByte(opcode);
        return this;
    }

    public PickleBuilder Proto(byte version) => Op(0x80).Op(version);

    public PickleBuilder Mark() => Op('(');

    public PickleBuilder Stop() => Op('.');

    public PickleBuilder EmptyDict() => Op('}');

    public PickleBuilder EmptyTuple() => Op(')');

    public PickleBuilder Tuple() => Op('t');

    public PickleBuilder SetItems() => Op('u');

    public PickleBuilder Reduce() => Op('R');

    public PickleBuilder BinPersId() => Op('Q');

    public PickleBuilder NewFalse() => Op(0x89);

    public PickleBuilder Memoize() => Op(0x94);

    public PickleBuilder BinPut(byte slot) => Op('q').Op(slot);

    public PickleBuilder BinGet(byte slot) => Op('h').Op(slot);

    public PickleBuilder Frame(long length)
    {
        Op(0x95);
        Span<byte> n = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(n, length);
        _out.Write(n);
        return this;
    }

    /// <summary>BINUNICODE, as protocol 2 writes strings.</summary>
    public PickleBuilder Unicode(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Op('X');
        Span<byte> n = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(n, bytes.Length);
        _out.Write(n);
        _out.Write(bytes);
        return this;
    }

    /// <summary>SHORT_BINUNICODE, as protocol 4 writes short strings.</summary>
    public PickleBuilder ShortUnicode(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Op(0x8c).Op((byte)bytes.Length);
        _out.Write(bytes);
        return this;
    }

    /// <summary>The smallest integer opcode that holds the value, as CPython chooses.</summary>
    public PickleBuilder Int(long value)
    {
        Span<byte> n = stackalloc byte[8];
        if (value is >= 0 and <= byte.MaxValue) return Op('K').Op((byte)value);
        if (value is >= 0 and <= ushort.MaxValue)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(n, (ushort)value);
            Op('M');
            _out.Write(n[..2]);
            return this;
        }
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            BinaryPrimitives.WriteInt32LittleEndian(n, (int)value);
            Op('J');
            _out.Write(n[..4]);
            return this;
        }
        BinaryPrimitives.WriteInt64LittleEndian(n, value);
        Op(0x8a).Op(8);
        _out.Write(n);
        return this;
    }

    public PickleBuilder IntTuple(IEnumerable<long> values)
    {
        Mark();
        foreach (var v in values) Int(v);
        return Tuple();
    }

    /// <summary>GLOBAL 'module name', protocol 2's way of naming a class or function.</summary>
    public PickleBuilder Global(string module, string name)
    {
        Op('c');
        _out.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
        return this;
    }

    /// <summary>STACK_GLOBAL, protocol 4's way: module and name as strings on the stack.</summary>
    public PickleBuilder StackGlobal(string module, string name) => ShortUnicode(module).ShortUnicode(name).Op(0x93);

    public byte[] ToArray() => _out.ToArray();
}
